import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A price API on loopback for monitors to watch (global setup allows 127.0.0.1 as a monitor
 * host); the test sets the price it answers and can count the checks.
 */
export async function startPriceServer(initialPrice = 60000) {
  let price = initialPrice;
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ symbol: 'BTC', price }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/price`,
    setPrice: (value: number) => {
      price = value;
    },
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
