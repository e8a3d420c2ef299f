import { AUTH_MAX_BODY_BYTES, readLimitedRequest, tooLargeRestResponse } from '@proxy/api';
import { NextRequest } from 'next/server';
import { handlers } from '@/auth';

export const { GET } = handlers;

/** Sign-in and sign-out forms are tiny: a larger body is refused before Auth.js reads it. */
export async function POST(req: NextRequest) {
  const limited = await readLimitedRequest(req, AUTH_MAX_BODY_BYTES);
  if (!limited) return tooLargeRestResponse(AUTH_MAX_BODY_BYTES);
  return handlers.POST(new NextRequest(limited));
}
