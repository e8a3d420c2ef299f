import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppRouter } from '@proxy/api';
import { createHarness, type Harness } from '@proxy/api/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyClient } from './index';

let h: Harness;
let server: Server;
let baseUrl: string;

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
  return new Request(`http://localhost${req.url}`, { method: req.method, headers, body });
}

beforeAll(async () => {
  h = await createHarness();
  // A real HTTP server on loopback, serving the same handler the web app mounts at /api/trpc.
  server = createServer(async (req, res) => {
    const response = await h.trpcHttp(await toRequest(req));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await h.close();
});

describe('createProxyClient', () => {
  it('calls typed procedures over HTTP with an API key', async () => {
    const { caller } = await h.newUser();
    const { secret } = await caller.apiKeys.create({ name: 'tool', scopes: ['write'] });
    const proxy = createProxyClient({ url: baseUrl, apiKey: secret });

    const task = await proxy.tasks.create.mutate({
      title: 'Typed all the way',
      dueAt: '2026-12-24T18:00:00Z',
    });
    expect(task.dueAt).toBeInstanceOf(Date); // superjson keeps Dates as Dates
    const [page, me] = await Promise.all([proxy.tasks.list.query({}), proxy.profile.get.query()]);
    expect(page.items.map((t) => t.id)).toEqual([task.id]);
    expect(me.id).toBeTruthy();
  });

  it('surfaces errors with their code and field messages', async () => {
    const proxy = createProxyClient({ url: baseUrl, apiKey: 'pxy_wrong' });
    const error = await proxy.tasks.list.query({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.httpStatus).toBe(401);

    const { caller } = await h.newUser();
    const { secret } = await caller.apiKeys.create({ name: 'tool', scopes: ['write'] });
    const bad = await createProxyClient({ url: baseUrl, apiKey: secret })
      .tasks.create.mutate({ title: '' })
      .then(
        () => null,
        (e: unknown) => e as TRPCClientError<AppRouter>,
      );
    expect(bad?.data?.httpStatus).toBe(400);
    expect(bad?.data?.fieldErrors?.title?.[0]).toMatch(/empty/);
  });
});
