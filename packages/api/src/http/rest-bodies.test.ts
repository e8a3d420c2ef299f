import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';
import { openApiDocument } from './openapi';

/**
 * JSON bodies reach the procedures as sent: a wrong JSON type is a 400 naming the field, on REST
 * and on tRPC, before and after any other call (the REST adapter used to coerce, and to switch
 * coercion on in the shared schemas for everyone after its first call).
 */
let h: Harness;
let userKey: string;
let agentKey: string;
let userCaller: Awaited<ReturnType<Harness['newUser']>>['caller'];

beforeAll(async () => {
  h = await createHarness();
  const user = await h.newUser();
  userCaller = user.caller;
  userKey = (await user.caller.apiKeys.create({ name: 'bodies', scopes: ['read', 'write'] }))
    .secret;
  agentKey = (await user.caller.apiKeys.create({ name: 'agent', scopes: ['agent'] })).secret;
});
afterAll(() => h?.close());

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';
const JSON_TYPES: JsonType[] = ['string', 'number', 'boolean', 'null', 'array', 'object'];
type Schema = Record<string, unknown>;

/** The JSON types a property's schema admits; empty when it admits anything. */
function admittedTypes(schema: Schema): Set<JsonType> {
  const types = new Set<JsonType>();
  const visit = (s: Schema) => {
    const type = s.type;
    for (const t of Array.isArray(type) ? type : type ? [type] : []) {
      types.add(t === 'integer' ? 'number' : (t as JsonType));
    }
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      for (const sub of (s[key] as Schema[] | undefined) ?? []) visit(sub);
    }
    if ('const' in s) types.add(jsonTypeOf(s.const));
    for (const v of (s.enum as unknown[] | undefined) ?? []) types.add(jsonTypeOf(v));
  };
  visit(schema);
  return types;
}

function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

interface BodyField {
  method: string;
  route: string;
  procedure: string;
  field: string;
  wrong: JsonType[];
}

/** Every top-level body field of every REST operation, with the JSON types it must refuse. */
function bodyFields(): BodyField[] {
  const doc = openApiDocument() as unknown as {
    paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
  };
  const fields: BodyField[] = [];
  for (const [route, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const body = op.requestBody as
        | { content?: { 'application/json'?: { schema?: Schema } } }
        | undefined;
      const properties = body?.content?.['application/json']?.schema?.properties as
        | Record<string, Schema>
        | undefined;
      for (const [field, schema] of Object.entries(properties ?? {})) {
        const admitted = admittedTypes(schema);
        if (admitted.size === 0) continue;
        fields.push({
          method: method.toUpperCase(),
          route,
          procedure: op.operationId.replaceAll('-', '.'),
          field,
          wrong: JSON_TYPES.filter((t) => !admitted.has(t)),
        });
      }
    }
  }
  return fields;
}

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const pathParams = (route: string) =>
  Object.fromEntries([...route.matchAll(/\{([^}]+)\}/g)].map((m) => [m[1] as string, SOME_ID]));
const fillRoute = (route: string) => route.replace(/\{[^}]+\}/g, SOME_ID);

/** Values whose JSON type is `type`, leaning on the ones that coercion used to turn into data. */
function valuesOf(type: JsonType): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return fc.oneof(
        fc.constantFrom('false', 'true', '0', '1', '0x10', '', '5', 'null'),
        fc.string(),
      );
    case 'number':
      return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fc.oneof(fc.string(), fc.integer(), fc.boolean()), { maxLength: 3 });
    case 'object':
      return fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer()), {
        maxKeys: 2,
      });
  }
}

const REPRESENTATIVE: Record<JsonType, unknown> = {
  string: 'false',
  number: 1,
  boolean: false,
  null: null,
  array: [],
  object: {},
};

type ErrorBody = { data?: { fieldErrors?: Record<string, unknown> } };

/** Sends `{ field: value }` over REST; the answer must be 400 naming the field. */
async function restRefuses(f: BodyField, value: unknown) {
  const body = { [f.field]: value };
  let res = await h.rest(f.method, fillRoute(f.route), { key: userKey, body });
  if (res.status === 403) res = await h.rest(f.method, fillRoute(f.route), { key: agentKey, body });
  const json = (await res.json()) as ErrorBody;
  const where = `REST ${f.method} ${f.route} ${f.field}=${JSON.stringify(value)}`;
  expect(res.status, where).toBe(400);
  expect(Object.keys(json.data?.fieldErrors ?? {}), where).toContain(f.field);
}

/** The same input to the same procedure over tRPC's wire: BAD_REQUEST naming the field. */
async function trpcRefuses(f: BodyField, value: unknown) {
  const send = (key: string) =>
    h.trpcHttp(
      new Request(`http://localhost/api/trpc/${f.procedure}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ json: { ...pathParams(f.route), [f.field]: value } }),
      }),
    );
  let res = await send(userKey);
  if (res.status === 403) res = await send(agentKey);
  const json = (await res.json()) as { error?: { json: ErrorBody } };
  const where = `tRPC ${f.procedure} ${f.field}=${JSON.stringify(value)}`;
  expect(res.status, where).toBe(400);
  expect(Object.keys(json.error?.json.data?.fieldErrors ?? {}), where).toContain(f.field);
}

describe('JSON bodies are never coerced', () => {
  const fields = bodyFields();

  it('finds the body fields of the REST operations', () => {
    expect(fields.length).toBeGreaterThan(50);
    expect(fields.some((f) => f.route === '/tasks' && f.field === 'estimateMinutes')).toBe(true);
  });

  // One test per operation and channel (all REST first, then tRPC, in file order): the sweep is
  // hundreds of requests and grows with every body field, so no single test holds all of it.
  const operations = new Map<string, BodyField[]>();
  for (const f of fields) {
    const operation = `${f.method} ${f.route}`;
    operations.set(operation, [...(operations.get(operation) ?? []), f]);
  }
  for (const [operation, opFields] of operations) {
    it(`refuses every wrong JSON type of every body field, on REST: ${operation}`, async () => {
      for (const f of opFields) {
        for (const type of f.wrong) await restRefuses(f, REPRESENTATIVE[type]);
      }
    }, 60_000);
  }
  for (const [operation, opFields] of operations) {
    it(`refuses every wrong JSON type of every body field, on tRPC after REST: ${operation}`, async () => {
      for (const f of opFields) {
        for (const type of f.wrong) await trpcRefuses(f, REPRESENTATIVE[type]);
      }
    }, 60_000);
  }

  it('refuses wrong types whatever the value and whichever channel went before', async () => {
    const cases = fields.flatMap((f) => f.wrong.map((type) => ({ f, type })));
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...cases)
          .chain(({ f, type }) =>
            fc.record({ f: fc.constant(f), value: valuesOf(type), channel: fc.boolean() }),
          ),
        async ({ f, value, channel }) => {
          if (channel) await restRefuses(f, value);
          else await trpcRefuses(f, value);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('stores nothing from the coercions that used to happen', async () => {
    for (const body of [
      { title: 'meta', isMetaTask: 'false' },
      { title: 'estimate', estimateMinutes: true },
      { title: 'hex', estimateMinutes: '0x10' },
    ]) {
      const res = await h.rest('POST', '/tasks', { key: userKey, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const listed = await userCaller.tasks.list({});
    expect(listed.items.map((t) => t.title)).not.toEqual(
      expect.arrayContaining(['meta', 'estimate', 'hex']),
    );
  });

  it('keeps the steps when replaceExisting is the string "false"', async () => {
    const task = await userCaller.tasks.create({ title: 'Write the report' });
    const steps = [{ title: 'Outline' }, { title: 'Draft' }];
    const first = await h.rest('POST', `/tasks/${task.id}/split/accept`, {
      key: userKey,
      body: { steps },
    });
    expect(first.status).toBe(200);
    const before = await userCaller.splitting.steps({ id: task.id });
    const res = await h.rest('POST', `/tasks/${task.id}/split/accept`, {
      key: userKey,
      body: { steps: [{ title: 'Polish' }], replaceExisting: 'false' },
    });
    expect(res.status).toBe(400);
    const after = await userCaller.splitting.steps({ id: task.id });
    expect(after.map((s) => s.title)).toEqual(before.map((s) => s.title));
    expect(after).toHaveLength(2);
  });

  it('still reads numbers and booleans from query strings, by their declared types', async () => {
    for (let i = 0; i < 3; i++) await userCaller.tasks.create({ title: `page ${i}` });
    const res = await h.rest('GET', '/tasks?limit=2', { key: userKey });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(2);
    const bad = await h.rest('GET', '/tasks?limit=0x10', { key: userKey });
    expect(bad.status).toBe(400);
  });
});

describe('bodies that are not a JSON object, or not UTF-8', () => {
  it('answers 400 for null, an array, a string or a number, and changes nothing', async () => {
    const task = await userCaller.tasks.create({ title: 'Unchanged' });
    const template = await userCaller.templates.saveFromTask({ taskId: task.id });
    const before = await userCaller.tasks.list({});
    for (const raw of ['null', '[]', '"text"', '12345', 'true']) {
      for (const [method, path] of [
        ['PATCH', '/me'],
        ['PATCH', `/tasks/${task.id}`],
        ['POST', `/templates/${template.id}/instantiate`],
        ['POST', '/tasks'],
      ] as const) {
        const res = await h.rest(method, path, { key: userKey, body: raw });
        expect(res.status, `${method} ${path} ${raw}`).toBe(400);
        expect(((await res.json()) as { message: string }).message).toMatch(/JSON object/);
      }
    }
    const after = await userCaller.tasks.list({});
    expect(after.items.map((t) => t.id)).toEqual(before.items.map((t) => t.id));
  });

  it('answers 400 for a body that is not UTF-8, on REST and tRPC, and stores nothing', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"title":"bad '),
      0xff,
      0xfe,
      ...new TextEncoder().encode('"}'),
    ]);
    const rest = await handleRaw('/api/v1/tasks', bytes);
    expect(rest.status).toBe(400);
    expect(((await rest.json()) as { message: string }).message).toMatch(/UTF-8/);

    const trpcBytes = new Uint8Array([
      ...new TextEncoder().encode('{"json":{"title":"bad '),
      0xc3,
      0x28,
      ...new TextEncoder().encode('"}}'),
    ]);
    const trpc = await h.trpcHttp(
      new Request('http://localhost/api/trpc/tasks.create', {
        method: 'POST',
        headers: { authorization: `Bearer ${userKey}`, 'content-type': 'application/json' },
        body: trpcBytes,
      }),
    );
    expect(trpc.status).toBe(400);
    const listed = await userCaller.tasks.list({});
    expect(listed.items.some((t) => t.title.startsWith('bad'))).toBe(false);
  });
});

async function handleRaw(url: string, bytes: Uint8Array) {
  const { handleRestRequest } = await import('./handlers');
  return handleRestRequest(
    new Request(`http://localhost${url}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${userKey}`, 'content-type': 'application/json' },
      body: bytes,
    }),
    { deps: h.deps },
  );
}
