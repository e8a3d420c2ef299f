'use client';

import { formatDateTime } from '@/lib/dates';
import { useHydrated } from '@/lib/use-hydrated';

/** A timestamp in the viewer's timezone and locale (blank until the browser can say which). */
export function LocalDateTime({ date }: { date: Date | null | undefined }) {
  const hydrated = useHydrated();
  if (!date) return <>—</>;
  return <time dateTime={date.toISOString()}>{hydrated ? formatDateTime(date) : ''}</time>;
}
