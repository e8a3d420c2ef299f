import { TRPC_MAX_BATCH_SIZE } from '@proxy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';

/** The tRPC endpoint as a program sees it on the wire: batch limits and readable errors. */
let h: Harness;
let key: string;
beforeAll(async () => {
  h = await createHarness();
  const { caller } = await h.newUser();
  key = (await caller.apiKeys.create({ name: 'wire', scopes: ['read', 'write'] })).secret;
});
afterAll(() => h?.close());

type Envelope = {
  error?: {
    json: { message: string; data: { code: string; fieldErrors?: Record<string, string[]> } };
  };
};

function batchOf(size: number) {
  const paths = Array.from({ length: size }, () => 'tasks.counts').join(',');
  const input = Object.fromEntries(Array.from({ length: size }, (_, i) => [i, { json: null }]));
  const url = `http://localhost/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
  return new Request(url, { headers: { authorization: `Bearer ${key}` } });
}

describe('tRPC batches', () => {
  it(`answers a batch of up to ${TRPC_MAX_BATCH_SIZE} calls, and refuses a larger one with 400`, async () => {
    const full = await h.trpcHttp(batchOf(TRPC_MAX_BATCH_SIZE));
    expect(full.status).toBe(200);
    expect((await full.json()) as unknown[]).toHaveLength(TRPC_MAX_BATCH_SIZE);

    for (const size of [TRPC_MAX_BATCH_SIZE + 1, 200]) {
      const res = await h.trpcHttp(batchOf(size));
      expect(res.status, String(size)).toBe(400);
      const body = (await res.json()) as Envelope | Envelope[];
      const first = Array.isArray(body) ? body[0] : body;
      expect(first?.error?.json.message).toMatch(/batch/i);
    }
  });
});

describe('tRPC validation errors', () => {
  it('say what is wrong in words, with the field errors beside them', async () => {
    const res = await h.trpcHttp(
      new Request('http://localhost/api/trpc/tasks.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ json: { title: '', estimateMinutes: -5 } }),
      }),
    );
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as Envelope;
    const message = error!.json.message;
    // Not zod's issues as JSON, but a sentence naming the fields.
    expect(message.startsWith('[')).toBe(false);
    expect(() => JSON.parse(message)).toThrow();
    expect(message).toMatch(/^title: .+; estimateMinutes: .+/);
    expect(error!.json.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(error!.json.data.fieldErrors ?? {}).sort()).toEqual([
      'estimateMinutes',
      'title',
    ]);
  });
});
