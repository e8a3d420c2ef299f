import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="auth-shell">
      <div className="auth-card card">
        <h1>Nothing here</h1>
        <p className="lede">This page does not exist. It happens to everyone.</p>
        <Link className="button" href="/">
          Back to Proxy
        </Link>
      </div>
    </main>
  );
}
