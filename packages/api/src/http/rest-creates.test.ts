import { createECDH, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webPush from 'web-push';
import { createHarness, type Harness } from '../testing';
import { allCreates } from './created';
import { openApiDocument } from './openapi';

/**
 * Every REST create answers 201 with a `Location` that a GET with the same key can read, and the
 * OpenAPI document says 201 for each. The creates are the procedures whose meta says `created`;
 * this table must name each one, so a new create cannot slip past.
 */
let h: Harness;
let key: string;
let agentKey: string;
let me: Awaited<ReturnType<Harness['newUser']>>;

beforeAll(async () => {
  h = await createHarness({
    push: {
      ...webPush.generateVAPIDKeys(),
      subject: 'mailto:ops@example.com',
      allowHosts: ['127.0.0.1'],
    },
    webhooks: { allowHosts: ['127.0.0.1'] },
  });
  me = await h.newUser();
  key = (await me.caller.apiKeys.create({ name: 'creates', scopes: ['read', 'write'] })).secret;
  agentKey = (await me.caller.apiKeys.create({ name: 'agent', scopes: ['agent'] })).secret;
});
afterAll(() => h?.close());

function pushKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
}

type Call = { method?: string; path: string; body?: unknown; as?: 'agent' | 'anonymous' };
const task = (title: string) => me.caller.tasks.create({ title });

/** One valid call per create, by procedure path. */
const CALLS: Record<string, () => Promise<Call>> = {
  'auth.register': async () => ({
    path: '/auth/register',
    body: { email: `new-${Date.now()}@example.com`, password: 'a calm purple otter' },
    as: 'anonymous',
  }),
  'tasks.create': async () => ({ path: '/tasks', body: { title: 'Created over REST' } }),
  'tasks.quickAdd': async () => ({
    path: '/tasks/quick-add',
    body: { text: 'Typed over REST tomorrow 9am #api' },
  }),
  'tasks.addStep': async () => ({
    path: `/tasks/${(await task('Has steps')).id}/steps`,
    body: { title: 'A step over REST' },
  }),
  'delegation.agents.register': async () => ({
    path: '/delegation/agents/register',
    body: { agent_id: 'creates-agent', agent_type: 'writer', capabilities: ['docs'] },
    as: 'agent',
  }),
  'delegation.delegate': async () => ({
    path: '/delegation/delegate',
    body: { task_id: (await task('Delegate me')).id, delegation_mode: 'DELEGATE' },
  }),
  'dependencies.add': async () => {
    const [a, b] = [await task('Second'), await task('First')];
    return { path: `/tasks/${a.id}/dependencies`, body: { dependsOnId: b.id } };
  },
  'templates.create': async () => ({
    path: '/templates',
    body: { name: 'Weekly review', steps: [] },
  }),
  'templates.instantiate': async () => {
    const t = await me.caller.templates.create({ name: 'Laundry', steps: [] });
    return { path: `/templates/${t.id}/instantiate`, body: {} };
  },
  'templates.saveFromTask': async () => ({
    path: '/templates/from-task',
    body: { taskId: (await task('Make it a template')).id },
  }),
  'monitors.create': async () => ({
    path: '/monitors',
    body: {
      prompt: 'Tell me when https://example.com/tickets mentions tickets',
      intervalMinutes: 60,
    },
  }),
  'notifications.subscribePush': async () => ({
    path: '/notifications/push/devices',
    body: { endpoint: 'http://127.0.0.1:9/push/device', keys: pushKeys(), label: 'Test' },
  }),
  'focus.start': async () => ({
    path: '/focus/sessions',
    body: { settings: { kind: 'pomodoro' } },
  }),
  'focus.checkIn': async () => {
    const open = await me.caller.focus.current();
    const id = open?.id ?? (await me.caller.focus.start({ settings: { kind: 'pomodoro' } })).id;
    return {
      path: `/focus/sessions/${id}/check-ins`,
      body: { moment: 'after', energy: 3 },
    };
  },
  'focus.plan': async () => ({
    path: '/focus/planned',
    body: {
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      settings: { kind: 'pomodoro' },
    },
  }),
  'timeEntries.startTimer': async () => ({
    path: `/tasks/${(await task('Time me')).id}/timer`,
    body: {},
  }),
  'pets.hatch': async () => {
    const offer = await me.caller.pets.eggs();
    return { path: '/pets/generate', body: { seed: offer.eggs[0]!.seed, name: 'Pip' } };
  },
  'webhooks.create': async () => ({
    path: '/webhooks',
    body: { url: 'http://127.0.0.1:9/created', eventTypes: ['task.*'] },
  }),
  'hooks.subscribe': async () => ({
    path: '/hooks',
    body: { target_url: 'http://127.0.0.1:9/zap', event: 'task.completed' },
  }),
  'timeEntries.add': async () => ({
    path: `/tasks/${(await task('Log me')).id}/time-entries`,
    body: { minutes: 25 },
  }),
};

describe('REST creates', () => {
  it('covers every procedure whose meta says it creates', () => {
    expect(Object.keys(CALLS).sort()).toEqual(
      allCreates()
        .map((c) => c.path)
        .sort(),
    );
  });

  it('answers 201 with a Location a GET can read, for every create', async () => {
    for (const create of allCreates()) {
      const call = await (CALLS[create.path] as () => Promise<Call>)();
      const callKey = call.as === 'agent' ? agentKey : call.as === 'anonymous' ? undefined : key;
      const res = await h.rest(call.method ?? 'POST', call.path, { key: callKey, body: call.body });
      const body = await res.text();
      expect(res.status, `${create.path}: ${body}`).toBe(201);
      const location = res.headers.get('location');
      expect(location ?? '', create.path).toMatch(/^\/api\/v1\//);
      const read = await h.rest('GET', (location as string).slice('/api/v1'.length), {
        key: call.as === 'agent' ? agentKey : key,
      });
      expect(read.status, `${create.path} -> GET ${location}`).toBe(200);
    }
  });

  it('answers 200 when an idempotent create found the thing already there', async () => {
    // The key registered this agent in the test above; registering it again refreshes it.
    const body = { agent_id: 'creates-agent', agent_type: 'writer', capabilities: ['docs'] };
    const again = await h.rest('POST', '/delegation/agents/register', { key: agentKey, body });
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBeNull();
  });

  it('documents 201 and Location for every create, and 200 for the rest', () => {
    const doc = openApiDocument() as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, { headers?: object }> }>>;
    };
    for (const create of allCreates()) {
      const op = doc.paths[create.route]?.[create.method.toLowerCase()];
      expect(Object.keys(op?.responses ?? {}), create.path).toContain('201');
      expect(op?.responses['201']?.headers, create.path).toHaveProperty('Location');
      expect(Object.keys(op?.responses ?? {}), create.path).not.toContain('200');
    }
    expect(Object.keys(doc.paths['/tasks/{id}']?.patch?.responses ?? {})).toContain('200');
  });
});
