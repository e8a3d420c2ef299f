import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';

/**
 * Random and malformed inputs at every task procedure, over REST and tRPC: every answer is a
 * 4xx with a message (never a 5xx) and no row changes.
 */
let h: Harness;
let key: string;
let taskId: string;
let snapshot: string;

const tableState = async () => JSON.stringify(await h.raw.query('select * from tasks order by id'));

beforeAll(async () => {
  h = await createHarness();
  const { caller } = await h.newUser();
  taskId = (await caller.tasks.create({ title: 'The only task', tags: ['keep'] })).id;
  key = (await caller.apiKeys.create({ name: 'fuzz', scopes: ['read', 'write'] })).secret;
  snapshot = await tableState();
});
afterAll(() => h.close());

// Values that are wrong for every field in some way.
const junk = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 40 }),
  fc.constant(''),
  fc.constant('x'.repeat(20_001)),
  fc.constant('not-a-date'),
  fc.constant('\u0000\uffff'),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
const fieldNames = fc.constantFrom(
  'title',
  'notes',
  'status',
  'priority',
  'dueAt',
  'estimateMinutes',
  'energy',
  'tags',
  'parentId',
  'isMetaTask',
  'delegationMode',
  'requiredCapabilities',
  'complexity',
  'limit',
  'cursor',
  'dueBefore',
  'tag',
  'id',
);
// Bodies with at least one wrong field; `title` is always wrong or missing, so no create can succeed.
const badBody = fc.dictionary(fieldNames, junk, { minKeys: 1, maxKeys: 5 }).map((body) => {
  const title = body.title;
  if (typeof title === 'string' && title.trim().length > 0 && title.length <= 500)
    delete body.title;
  return body;
});

const badPathId = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 30 })
    // `.` and `..` are path segments URLs resolve away (`/tasks/.` is the list itself).
    .filter((s) => !['.', '..'].includes(s) && !/[/?#]/.test(s)),
  fc.uuid(), // well-formed but nobody's task: 404
);

function expectClientError(status: number, body: { message?: unknown }) {
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  expect(typeof body.message).toBe('string');
  expect(String(body.message).length).toBeGreaterThan(0);
}

describe('bad input never becomes a 5xx or a change', () => {
  it('REST: create, update, get, delete, list', async () => {
    await fc.assert(
      fc.asyncProperty(badBody, badPathId, junk, async (body, id, query) => {
        const encoded = encodeURIComponent(id);
        const responses = [
          await h.rest('POST', '/tasks', { key, body }),
          await h.rest('PATCH', `/tasks/${encoded}`, {
            key,
            body: { ...body, title: body.title ?? '' },
          }),
          await h.rest('PATCH', `/tasks/${taskId}`, {
            key,
            body: { ...body, title: body.title ?? '' },
          }),
          await h.rest('GET', `/tasks/${encoded}`, { key }),
          await h.rest('DELETE', `/tasks/${encoded}`, { key }),
          await h.rest(
            'GET',
            `/tasks?limit=${encodeURIComponent(JSON.stringify(query))}&status=${encoded}`,
            { key },
          ),
          await h.rest('POST', '/tasks', { key, body: '{"title": "unterminated' }),
        ];
        for (const res of responses) {
          expectClientError(res.status, (await res.json()) as { message?: unknown });
        }
      }),
      { numRuns: 40 },
    );
    expect(await tableState()).toBe(snapshot);
  });

  it('tRPC: every task procedure', async () => {
    const caller = h.withKey(key);
    const calls = [
      (input: unknown) => caller.tasks.create(input as never),
      (input: unknown) => caller.tasks.update(input as never),
      (input: unknown) =>
        caller.tasks.update({ ...(input as object), id: taskId, title: '' } as never),
      (input: unknown) => caller.tasks.get(input as never),
      (input: unknown) => caller.tasks.delete(input as never),
      (input: unknown) => caller.tasks.list({ ...(input as object), limit: 0 } as never),
    ];
    await fc.assert(
      fc.asyncProperty(badBody, async (body) => {
        for (const call of calls) {
          const error = await call(body).then(
            () => null,
            (e: { code?: string; message?: string }) => e,
          );
          expect(error).not.toBeNull();
          expect(['BAD_REQUEST', 'NOT_FOUND']).toContain(error?.code);
          expect(error?.message).toBeTruthy();
        }
      }),
      { numRuns: 40 },
    );
    expect(await tableState()).toBe(snapshot);
  });

  it('an oversized body is refused with a clear message', async () => {
    const res = await h.rest('POST', '/tasks', { key, body: { title: 'x'.repeat(1_000_000) } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { data: { fieldErrors: Record<string, string[]> } };
    expect(body.data.fieldErrors.title?.[0]).toMatch(/at most 500/);
    expect(await tableState()).toBe(snapshot);
  });
});
