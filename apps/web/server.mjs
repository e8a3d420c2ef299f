// The production web server: Next's request handler behind a small Node HTTP server, because
// route handlers cannot see the TCP peer. It drops any client-sent copy of the internal client
// address header and sets it from the peer (and TRUST_PROXY), so limits and logs use an
// address a stranger cannot choose. `npm start`, the e2e suite and the benchmarks run this.
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { CLIENT_ADDRESS_HEADER, clientAddressOf, compileTrust } from './client-address.mjs';

// This server owns the process: the app's own SIGTERM handling stops the worker and database.
process.env.NEXT_MANUAL_SIG_HANDLE = 'true';
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST?.trim() || '127.0.0.1';
const trust = compileTrust(process.env.TRUST_PROXY);

const app = next({
  dev: process.env.NODE_ENV === 'development',
  dir: dirname(fileURLToPath(import.meta.url)),
  hostname,
  port,
});
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  delete req.headers[CLIENT_ADDRESS_HEADER];
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req, trust);
  handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(
    `proxy web listening on http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`,
  );
});
