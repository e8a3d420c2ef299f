import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentUserId } from '@/auth';

// Per-request: reads the session (and the database); never prerendered at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Proxy: a calmer way to get things done' };

/** Signed in, `/` is Today. Signed out, it says in a few lines what Proxy is. */
export default async function Home() {
  if (await currentUserId()) redirect('/today');
  return (
    <main className="landing" id="main">
      <div className="landing-inner">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Proxy
        </p>
        <h1>A task app that is kind to ADHD brains.</h1>
        <p className="lede">
          Proxy shows you one next thing and a short list for today. It breaks big tasks into small
          steps, runs a focus timer with you, and lets AI agents take the work you hand them. A
          small creature grows with everything you finish, and it never gets sick or gives up on
          you.
        </p>
        <ul className="landing-points">
          <li>Type tasks the way you think: “call mum tomorrow 6pm ~10m #family”.</li>
          <li>“What can I do now?” finds what fits the minutes and energy you have.</li>
          <li>Monitors watch websites and feeds so you do not have to.</li>
        </ul>
        <p className="landing-actions">
          <Link className="button" href="/sign-up">
            Create your account
          </Link>
          <Link className="button button-secondary" href="/sign-in">
            Sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
