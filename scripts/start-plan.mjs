// How `npm start` listens, decided from the environment alone (so a test can hold it to it).
// Loopback by default: the embedded install seeds a demo account whose password is in the
// README, and nobody else on the network may reach it. Set HOST to listen elsewhere; then no
// demo account is seeded, and start says so.

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i;

/** Whether `host` only accepts connections from this machine. */
export function isLoopbackHost(host) {
  return LOOPBACK.test(host.trim());
}

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ host: string, port: string, embedded: boolean, seedDemo: boolean, notices: string[] }}
 */
export function startPlan(env) {
  const host = env.HOST?.trim() || '127.0.0.1';
  const port = env.PORT || '3000';
  const embedded = !env.DATABASE_URL;
  const loopback = isLoopbackHost(host);
  const seedDemo = embedded && loopback;
  const shown = loopback ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const notices = [`Proxy is starting: open http://${shown}:${port}`];
  if (embedded) notices.push('Embedded database in .data/ (worker runs inside the web server).');
  if (seedDemo) notices.push('Demo account: demo@proxy.local / "proxy demo account"');
  if (!loopback) {
    notices.push(
      `Listening on ${host}, not only this machine: no demo account is seeded; create your own account at /register.`,
    );
  }
  return {
    host,
    port,
    embedded,
    seedDemo,
    notices,
  };
}
