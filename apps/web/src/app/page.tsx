import { redirect } from 'next/navigation';
import { currentUserId } from '@/auth';

// Per-request: reads the session (and the database); never prerendered at build time.
export const dynamic = 'force-dynamic';

export default async function Home() {
  redirect((await currentUserId()) ? '/inbox' : '/sign-in');
}
