import { calendarFeedResponse } from '@proxy/api';
import { appDeps } from '@/server/db';

export const dynamic = 'force-dynamic';

/** The private iCalendar feed calendars subscribe to; the token is the credential (no session). */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return calendarFeedResponse(await appDeps(), token);
}
