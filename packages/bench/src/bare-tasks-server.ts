// The tasks.list baseline: a bare node:http handler running the same SQL through postgres.js,
// in its own process (started by tasks-list.ts), so it does not share a CPU's event loop with
// the load generator while the product's server has one to itself. Prints `listening <port>`.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';

const PAGE = 50;
/** The SQL tasks.list runs for a page of 50 (after the API-key lookup), written by hand. */
const KEY_SQL = `select id, user_id, scopes from api_keys where secret_hash = $1 and revoked_at is null limit 1`;
const LIST_SQL = `select id, title, notes, status, priority, due_at, estimate_minutes, energy, tags, parent_id,
  is_meta_task, delegation_mode, required_capabilities, complexity, completed_at, created_at, updated_at
  from tasks where user_id = $1 order by created_at desc, id desc limit $2`;

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const sql = postgres(databaseUrl, { max: 10, onnotice: () => {} });

const server = createServer(async (req, res) => {
  const auth = req.headers.authorization?.slice('Bearer '.length) ?? '';
  const [key] = await sql.unsafe(KEY_SQL, [createHash('sha256').update(auth).digest('hex')]);
  if (!key) {
    res.writeHead(401).end();
    return;
  }
  const items = await sql.unsafe(LIST_SQL, [key.user_id, PAGE + 1]);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({ items: items.slice(0, PAGE), nextCursor: items.length > PAGE ? 'x' : null }),
  );
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
const stop = () => {
  server.close();
  sql.end({ timeout: 5 }).finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
