import { calendarFeedByToken } from './service';

/**
 * GET /api/calendar/<token>.ics, as the web app's route handler answers it. No session: the
 * secret token in the path is the credential, so an unknown one gets a bare 404 that says
 * nothing about why.
 */
export async function calendarFeedResponse(
  deps: Parameters<typeof calendarFeedByToken>[0],
  tokenSegment: string,
): Promise<Response> {
  const ics = await calendarFeedByToken(deps, tokenSegment.replace(/\.ics$/i, ''));
  if (ics === null) {
    return new Response('Not found', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  return new Response(ics, {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      // Private: the body is one person's; calendar clients refetch on REFRESH-INTERVAL anyway.
      'cache-control': 'private, max-age=300',
      'content-disposition': 'inline; filename="proxy.ics"',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  });
}
