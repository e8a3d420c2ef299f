/** Dates in forms are local calendar days; the API speaks ISO 8601 instants. */

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as the value of an <input type="date"> in the viewer's timezone. */
export function toDateInputValue(date: Date | null | undefined): string {
  if (!date) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The last moment of a local calendar day, as ISO. A task due on a day is due until that day
 * ends, and "due before" a day includes the day itself.
 */
export function endOfLocalDayIso(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const date = new Date(Number(y), Number(m) - 1, Number(d), 23, 59, 59, 999);
  if (Number.isNaN(date.getTime()) || date.getDate() !== Number(d)) return undefined;
  return date.toISOString();
}

const startOfDay = (date: Date) =>
  new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();

/** "Today", "Tomorrow", "Yesterday" or a short date, and whether it has passed. */
export function describeDue(due: Date, now: Date): { label: string; overdue: boolean } {
  const days = Math.round((startOfDay(due) - startOfDay(now)) / 86_400_000);
  const overdue = due.getTime() < now.getTime();
  if (days === 0) return { label: 'Today', overdue };
  if (days === 1) return { label: 'Tomorrow', overdue };
  if (days === -1) return { label: 'Yesterday', overdue };
  const sameYear = due.getFullYear() === now.getFullYear();
  const label = due.toLocaleDateString(undefined, {
    weekday: Math.abs(days) < 7 ? 'short' : undefined,
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
  });
  return { label, overdue };
}

/** A timestamp for lists: a date and time in the viewer's locale. */
export function formatDateTime(date: Date | null | undefined): string {
  if (!date) return '—';
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
