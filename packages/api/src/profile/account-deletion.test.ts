import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import * as schema from '@proxy/db/schema';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webPush from 'web-push';
import { createDbAiLedger } from '../ai/ledger';
import { rowsOf } from '../jobs/sql-rows';
import { notify } from '../notifications/notify';
import { createHarness, type Harness, serveOnLoopback } from '../testing';

/**
 * Deleting an account leaves nothing with the person's id anywhere. The tables are found from the
 * schema, never from a list, so a table added later is covered (or this fails) without anyone
 * remembering to add it here.
 */
let h: Harness;
let world: Awaited<ReturnType<typeof serveOnLoopback>>;

beforeAll(async () => {
  world = await serveOnLoopback({
    '/price.json': async () => Response.json({ price: 10 }),
    // A push service that accepts every message.
    '/push/': async () => new Response(null, { status: 201 }),
  });
  h = await createHarness({
    monitors: { fetch: { timeoutMs: 5_000, maxBytes: 100_000, allowHosts: ['127.0.0.1'] } },
    push: {
      ...webPush.generateVAPIDKeys(),
      subject: 'mailto:ops@example.com',
      allowHosts: ['127.0.0.1'],
    },
  });
});
afterAll(async () => {
  await h?.close();
  await world?.close();
});

const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable =>
  is(value, PgTable),
);
const usersTable = getTableConfig(schema.users).name;

describe('the schema keeps every owned row with its owner', () => {
  it('finds the tables', () => {
    expect(tables.length).toBeGreaterThan(10);
    expect(tables.map((t) => getTableConfig(t).name)).toContain('tasks');
  });

  it('every reference to an account deletes with it; every reference to an owned row follows', () => {
    // Owned: a table that references an account, or references an owned table (to any depth).
    const owned = new Set([usersTable]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const table of tables) {
        const config = getTableConfig(table);
        if (owned.has(config.name)) continue;
        const refs = config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable));
        if (refs.some((ref) => owned.has(ref.name))) {
          owned.add(config.name);
          grew = true;
        }
      }
    }
    const wrong: string[] = [];
    for (const table of tables) {
      const config = getTableConfig(table);
      for (const fk of config.foreignKeys) {
        const target = getTableConfig(fk.reference().foreignTable).name;
        if (!owned.has(target)) continue;
        const column = fk
          .reference()
          .columns.map((c) => c.name)
          .join(',');
        // A row of the person's goes with them; a link to one of their rows may be cleared
        // instead (a notification outlives the event it came from, within the same account).
        const allowed = target === usersTable ? ['cascade'] : ['cascade', 'set null'];
        if (!allowed.includes(fk.onDelete ?? 'no action')) {
          wrong.push(`${config.name}.${column} -> ${target}: on delete ${fk.onDelete}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
}

/** A person who used most of the product: tasks, steps, keys, agents, monitors, notifications. */
async function busyPerson() {
  const person = await h.newUser();
  const { caller } = person;
  const task = await caller.tasks.create({ title: 'Renew passport', tags: ['admin'] });
  const step = await caller.tasks.create({ title: 'Find the old one', parentId: task.id });
  const other = await caller.tasks.create({ title: 'Book photo', requiredCapabilities: ['py'] });
  await caller.dependencies.add({ id: task.id, dependsOnId: other.id });
  await caller.tasks.update({ id: step.id, status: 'done' });

  const agentKey = (await caller.apiKeys.create({ name: 'bot', scopes: ['agent'] })).secret;
  await h.withKey(agentKey).delegation.agents.register({
    agent_id: 'bot',
    agent_type: 'helper',
    capabilities: ['py'],
  });
  await caller.delegation.delegate({ task_id: other.id, delegation_mode: 'DELEGATE' });

  await caller.templates.saveFromTask({ taskId: task.id });
  const monitor = await caller.monitors.create({
    prompt: `tell me when the price drops below 50 ${world.url}/price.json $.price`,
    intervalMinutes: 360,
  });
  await caller.monitors.evaluateNow({ id: monitor.id });
  await caller.notifications.updatePreferences({
    modes: [{ kind: 'assignment_failed', channel: 'email', mode: 'off' }],
    quietHours: { enabled: true, start: '22:00', end: '07:00' },
  });
  await caller.notifications.subscribePush({
    endpoint: `${world.url}/push/${randomUUID()}`,
    keys: browserKeys(),
    label: 'Phone',
  });
  await h.db.transaction((tx) =>
    notify(h.deps, tx, {
      userId: person.id,
      kind: 'assignment_failed',
      title: 'It did not work',
      body: 'The agent gave up',
      link: '/inbox',
      dedupeKey: `failed:${randomUUID()}`,
    }),
  );
  await caller.ai.setBudget({ monthlyUsd: 3 });
  await createDbAiLedger(h.db).record({
    requestId: randomUUID(),
    userId: person.id,
    purpose: 'splitting',
    provider: 'anthropic',
    kind: 'anthropic',
    model: 'claude-test',
    attempt: 1,
    outcome: 'success',
    httpStatus: 200,
    inputTokens: 100,
    outputTokens: 50,
    costMicroUsd: 1_250,
    latencyMs: 300,
    error: null,
    retryAfterMs: null,
    createdAt: h.deps.now(),
  });
  // The monitor's evaluation, the events' dispatch and the notifications' deliveries.
  await h.runJobs();
  return person;
}

/** Every column of every table in which the id appears (as a value, or inside JSON or text). */
async function whereIdAppears(id: string) {
  const found: string[] = [];
  for (const table of tables) {
    const config = getTableConfig(table);
    for (const column of config.columns) {
      const type = column.getSQLType();
      if (!/^(uuid|text|jsonb?|varchar)/.test(type)) continue;
      const ident = sql.raw(`"${column.name}"`);
      const from = sql.raw(`"${config.name}"`);
      const match =
        type === 'uuid' ? sql`${ident} = ${id}::uuid` : sql`${ident}::text like ${`%${id}%`}`;
      const [row] = rowsOf<{ n: number }>(
        await h.db.execute(sql`select count(*)::int as n from ${from} where ${match}`),
      );
      if (Number(row?.n) > 0) found.push(`${config.name}.${column.name}: ${row?.n}`);
    }
  }
  return found;
}

async function globalAiSpend() {
  const [row] = rowsOf<{ cost: number; calls: number }>(
    await h.db.execute(
      sql`select coalesce(sum(cost_micro_usd), 0)::float8 as cost, coalesce(sum(calls), 0)::int as calls from ai_usage_monthly`,
    ),
  );
  return { cost: Number(row?.cost), calls: Number(row?.calls) };
}

describe('deleting an account', () => {
  it('needs the password, and leaves no row with the person’s id in any table', async () => {
    const person = await busyPerson();
    const bystander = await busyPerson();
    const before = await whereIdAppears(person.id);
    // The scan sees the person's rows across the product before deletion...
    for (const table of ['tasks', 'api_keys', 'agents', 'assignments', 'monitors', 'events']) {
      expect(
        before.some((hit) => hit.startsWith(`${table}.`)),
        table,
      ).toBe(true);
    }
    for (const table of ['notifications', 'push_subscriptions', 'ai_usage', 'ai_usage_monthly']) {
      expect(
        before.some((hit) => hit.startsWith(`${table}.`)),
        table,
      ).toBe(true);
    }
    const spendBefore = await globalAiSpend();

    await expect(person.caller.profile.delete({ password: 'wrong-wrong' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await person.caller.profile.delete({ password: 'a calm purple otter' });

    // ...and nothing of it after.
    expect(await whereIdAppears(person.id)).toEqual([]);
    // The month's AI spend still counts the deleted person's calls, anonymously.
    expect(await globalAiSpend()).toEqual(spendBefore);
    // The other person keeps everything.
    expect((await bystander.caller.tasks.list({})).items).toHaveLength(3);
    expect((await bystander.caller.ai.usage({})).budget.spentUsd).toBeGreaterThan(0);
  });
});
