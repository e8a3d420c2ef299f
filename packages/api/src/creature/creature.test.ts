import {
  ENERGY_FLOOR,
  FULLNESS_FLOOR,
  HAPPINESS_FLOOR,
  WELCOME_BACK_HAPPINESS,
  xpForLevel,
} from '@proxy/core';
import { creatures, eventDeliveries, events, notifications, xpAwards } from '@proxy/db/schema';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiRouterForDb } from '../ai/index';
import { type StubServer, startStubProvider } from '../ai/stub-server';
import { dispatchEvent } from '../events/dispatch';
import { allSubscribers } from '../events/subscribers';
import { openApiDocument } from '../http/openapi';
import { createHarness, type Harness } from '../testing';

/**
 * XP and the creature through the API, on PGlite and (under TEST_DATABASE_URL) PostgreSQL: the
 * ledger that pays once per source, the level and evolution it drives, the eggs, care (feeding,
 * playing, neglect that never harms), bad input, and the REST surface.
 */
let h: Harness;
let clock = new Date('2026-05-04T08:00:00Z');
const later = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

beforeAll(async () => {
  h = await createHarness({ now: () => clock });
});
afterAll(() => h.close());

type User = Awaited<ReturnType<Harness['newUser']>>;

async function finishTasks(user: User, titles: string[], extra: Record<string, unknown> = {}) {
  const ids: string[] = [];
  for (const title of titles) {
    const task = await user.caller.tasks.create({ title, ...extra });
    await user.caller.tasks.update({ id: task.id, status: 'done' });
    ids.push(task.id);
  }
  await h.runJobs();
  return ids;
}

async function ledgerRows(userId: string) {
  return h.db.select().from(xpAwards).where(eq(xpAwards.userId, userId));
}

async function eventsOf(userId: string, type: string) {
  return h.db
    .select()
    .from(events)
    .where(and(eq(events.userId, userId), eq(events.type, type)));
}

async function hatchFirstEgg(user: User, name?: string) {
  const offer = await user.caller.pets.eggs();
  return user.caller.pets.hatch({ seed: offer.eggs[0]!.seed, ...(name ? { name } : {}) });
}

describe('the XP ledger', () => {
  it('pays each finished task once, as a row, and the total is the sum of the rows', async () => {
    const me = await h.newUser();
    const [first] = await finishTasks(me, ['Wash up', 'Reply to Sam', 'Water plants']);
    const rows = await ledgerRows(me.id);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.source === 'task' && r.amount === 16 && r.multiplier === 100)).toBe(
      true,
    );
    expect(rows.map((r) => r.reason).sort()).toContain('Finished “Wash up”');

    // Undo and redo: the task is done again, but it paid already.
    await me.caller.tasks.update({ id: first!, status: 'todo' });
    await me.caller.tasks.update({ id: first!, status: 'done' });
    await h.runJobs();
    expect(await ledgerRows(me.id)).toHaveLength(3);

    const level = await me.caller.pets.level();
    expect(level).toMatchObject({ totalXp: 48, level: 2, stage: 'baby' });
    expect(level.nextLevelXp).toBe(xpForLevel(3));
    expect(await me.caller.xp.verify()).toMatchObject({
      ok: true,
      stored: 48,
      recomputed: 48,
      awards: 3,
      bySource: { task: 48 },
    });
  });

  it('a duplicated or concurrent dispatch of the same event pays once', async () => {
    const me = await h.newUser();
    const task = await me.caller.tasks.create({ title: 'File the invoice', estimateMinutes: 30 });
    await me.caller.tasks.update({ id: task.id, status: 'done' });
    const [completed] = await eventsOf(me.id, 'task.completed');
    const xpOnly = allSubscribers.filter((s) => s.name === 'xp');

    // Two dispatches at once; then the delivery claim is forgotten and it runs a third time.
    await Promise.all([
      dispatchEvent(h.deps, completed!.id, xpOnly),
      dispatchEvent(h.deps, completed!.id, xpOnly),
    ]);
    await h.db
      .delete(eventDeliveries)
      .where(and(eq(eventDeliveries.eventId, completed!.id), eq(eventDeliveries.subscriber, 'xp')));
    await dispatchEvent(h.deps, completed!.id, xpOnly);
    await h.runJobs();

    const rows = await ledgerRows(me.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'task', base: 20, amount: 20 });
    expect(await me.caller.xp.verify()).toMatchObject({ ok: true, stored: 20 });
  });

  it('many awards landing at once add up exactly', async () => {
    const me = await h.newUser();
    const titles = Array.from({ length: 8 }, (_, i) => `Errand ${i + 1}`);
    for (const title of titles) {
      const task = await me.caller.tasks.create({ title });
      await me.caller.tasks.update({ id: task.id, status: 'done' });
    }
    const completed = await eventsOf(me.id, 'task.completed');
    await Promise.all(completed.map((e) => dispatchEvent(h.deps, e.id, allSubscribers)));
    await h.runJobs();
    expect(await me.caller.xp.verify()).toMatchObject({ ok: true, stored: 8 * 16, awards: 8 });
  });

  it('pays steps as micro-steps, focus by the minute, and triage within its daily cap', async () => {
    const me = await h.newUser();
    const parent = await me.caller.tasks.create({ title: 'Clean the kitchen' });
    const step = await me.caller.tasks.create({
      title: 'Clear the counter',
      parentId: parent.id,
      estimateMinutes: 5,
    });
    await me.caller.tasks.update({ id: step.id, status: 'done' });

    const session = await me.caller.focus.start({ settings: { kind: 'pomodoro' } });
    later(25);
    await me.caller.focus.move({ id: session.id, move: { type: 'complete' } });

    const doomed = [];
    for (let i = 0; i < 12; i++)
      doomed.push((await me.caller.tasks.create({ title: `Old ${i}` })).id);
    await me.caller.delegation.triage({ task_ids: doomed, delegation_mode: 'DELETE' });
    await h.runJobs();

    const rows = await ledgerRows(me.id);
    const bySource = (s: string) => rows.filter((r) => r.source === s);
    expect(bySource('micro_step')).toMatchObject([{ amount: 3, sourceId: step.id }]);
    expect(bySource('focus_minutes')).toMatchObject([
      { amount: 30, sourceId: session.id, reason: 'Focused for 25 minutes and finished the block' },
    ]);
    // 3 each, 30 a day: ten of the twelve decisions pay.
    expect(bySource('triage_decision')).toHaveLength(10);
    expect(bySource('triage_decision').reduce((s, r) => s + r.amount, 0)).toBe(30);
    const triage = bySource('triage_decision')[0]!;
    expect(triage.reason).toMatch(/^Let go of “Old \d+”$/);
    expect(await me.caller.xp.verify()).toMatchObject({ ok: true, stored: 3 + 30 + 30 });

    // A step is part of a task, so only the focus block fed the pantry.
    expect((await h.db.select().from(creatures).where(eq(creatures.userId, me.id)))[0]?.food).toBe(
      1,
    );
  });

  it('credits the person when an agent finishes a task they delegated', async () => {
    const me = await h.newUser();
    const key = (await me.caller.apiKeys.create({ name: 'writer', scopes: ['agent'] })).secret;
    const agent = h.withKey(key).delegation;
    await agent.agents.register({ agent_id: 'writer', agent_type: 'docs', capabilities: ['docs'] });
    const task = await me.caller.tasks.create({
      title: 'Draft the FAQ',
      requiredCapabilities: ['docs'],
      estimateMinutes: 60,
      complexity: 3,
    });
    // Handing it over is a triage decision of its own (3 XP), and the agent's work pays half.
    await me.caller.delegation.triage({ task_ids: [task.id], delegation_mode: 'DELEGATE' });
    const { assignment } = await me.caller.delegation.delegate({
      task_id: task.id,
      delegation_mode: 'DELEGATE',
    });
    await agent.assignments.accept({ id: assignment!.id });
    await agent.assignments.complete({ id: assignment!.id, result: 'Done: 12 questions' });
    await h.runJobs();
    const rows = await ledgerRows(me.id);
    expect(rows.map((r) => [r.source, r.amount]).sort()).toEqual([
      ['agent_delegated_completion', 15],
      ['triage_decision', 3],
    ]);
    expect(rows.find((r) => r.source === 'agent_delegated_completion')?.reason).toBe(
      'An agent finished “Draft the FAQ”, which you delegated',
    );
    // No food for work the person did not do.
    expect((await h.db.select().from(creatures).where(eq(creatures.userId, me.id)))[0]?.food).toBe(
      0,
    );
  });

  it('pages the ledger newest first, by source, and refuses a forged cursor', async () => {
    const me = await h.newUser();
    for (const title of ['One', 'Two', 'Three']) {
      later(1);
      const task = await me.caller.tasks.create({ title });
      await me.caller.tasks.update({ id: task.id, status: 'done' });
      await h.runJobs();
    }
    const first = await me.caller.xp.ledger({ limit: 2 });
    expect(first.items.map((i) => i.reason)).toEqual(['Finished “Three”', 'Finished “Two”']);
    const second = await me.caller.xp.ledger({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.reason)).toEqual(['Finished “One”']);
    expect(second.nextCursor).toBeNull();
    expect((await me.caller.xp.ledger({ source: 'focus_minutes' })).items).toEqual([]);
    await expect(me.caller.xp.ledger({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    // Another person's ledger is not reachable: each sees only their own rows.
    const other = await h.newUser();
    expect((await other.caller.xp.ledger({})).items).toEqual([]);
  });
});

describe('levels and evolution', () => {
  it('tells the person about a level before an egg is chosen, and draws the egg at its stage', async () => {
    const me = await h.newUser();
    await finishTasks(me, ['A', 'B', 'C']);
    const [levelUp] = await eventsOf(me.id, 'creature.leveled_up');
    expect(levelUp?.data).toMatchObject({ fromLevel: 1, toLevel: 2, creatureName: null });
    expect(await eventsOf(me.id, 'creature.evolved')).toHaveLength(0);
    const notes = await h.db.select().from(notifications).where(eq(notifications.userId, me.id));
    expect(notes.map((n) => [n.kind, n.title])).toContainEqual(['level_up', 'Level 2']);

    const offer = await me.caller.pets.eggs();
    expect(offer).toMatchObject({ chosen: null, stage: 'baby' });
    const pet = await me.caller.pets.hatch({ seed: offer.eggs[1]!.seed });
    expect(pet.stage).toBe('baby');
    expect(pet.level).toMatchObject({ level: 2, totalXp: 48 });
  });

  it('hatches the egg at level 2 with a celebration, and cheers the creature for each task', async () => {
    const me = await h.newUser();
    const egg = await hatchFirstEgg(me, 'Pip');
    expect(egg).toMatchObject({ name: 'Pip', stage: 'egg', food: 0 });
    expect(egg.svg).toContain('<svg');

    await finishTasks(me, ['Post the letter', 'Book the dentist', 'Sort the socks']);
    const pet = await me.caller.pets.get();
    expect(pet).toMatchObject({ stage: 'baby', food: 3 });
    const [evolved] = await eventsOf(me.id, 'creature.evolved');
    expect(evolved?.data).toMatchObject({ fromStage: 'egg', toStage: 'baby', creatureName: 'Pip' });
    const notes = await h.db.select().from(notifications).where(eq(notifications.userId, me.id));
    expect(notes.map((n) => [n.kind, n.title]).sort()).toEqual([
      ['creature_evolved', 'Pip hatched!'],
      ['level_up', 'Level 2'],
    ]);
  });
});

describe('the eggs', () => {
  it('offers the same three eggs every time, and only those hatch', async () => {
    const me = await h.newUser();
    const a = await me.caller.pets.eggs();
    const b = await me.caller.pets.eggs();
    expect(a.eggs.map((e) => e.seed)).toEqual(b.eggs.map((e) => e.seed));
    expect(a.eggs).toHaveLength(3);
    expect(new Set(a.eggs.map((e) => e.species)).size).toBe(3);
    expect(await me.caller.pets.get()).toBeNull();

    const other = await h.newUser();
    const theirs = (await other.caller.pets.eggs()).eggs[0]!.seed;
    await expect(me.caller.pets.hatch({ seed: theirs })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'That egg is not one of the three offered to you',
    });
    await expect(me.caller.pets.hatch({ seed: 'dragon-please' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });

    const pet = await me.caller.pets.hatch({ seed: a.eggs[2]!.seed });
    expect(pet.name).toBe(a.eggs[2]!.name);
    expect(pet.biography).toBe(a.eggs[2]!.biography);
    await expect(me.caller.pets.hatch({ seed: a.eggs[0]!.seed })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await me.caller.pets.eggs()).chosen).toBe(a.eggs[2]!.seed);
  });

  it('asks the AI provider for a name and a story, and keeps the seed’s when it answers badly', async () => {
    let stub: StubServer | null = null;
    try {
      let reply: unknown = {
        name: 'Biscuit',
        biography: 'Biscuit hums while you work and naps in warm sunbeams.',
      };
      stub = await startStubProvider({ answer: () => reply });
      h.deps.ai = createAiRouterForDb(
        h.db,
        {
          providers: [
            {
              kind: 'anthropic',
              apiKey: 'sk-ant-test',
              baseUrl: stub.anthropicBaseUrl,
              timeoutMs: 5_000,
            },
          ],
          retry: { baseDelayMs: 1, maxAttemptsPerProvider: 1 },
        },
        { now: () => clock, sleep: async () => {} },
      );
      const me = await h.newUser();
      const pet = await hatchFirstEgg(me);
      expect(pet).toMatchObject({
        name: 'Biscuit',
        biography: 'Biscuit hums while you work and naps in warm sunbeams.',
      });
      expect(stub.requests.at(-1)?.body.system).toContain('companion');

      reply = { name: 'x'.repeat(300), biography: 'short' };
      const you = await h.newUser();
      const offer = await you.caller.pets.eggs();
      const fallback = await you.caller.pets.hatch({ seed: offer.eggs[0]!.seed });
      expect(fallback.name).toBe(offer.eggs[0]!.name);
      expect(fallback.biography).toBe(offer.eggs[0]!.biography);
    } finally {
      h.deps.ai = undefined;
      await stub?.close();
    }
  });
});

describe('care', () => {
  it('feeds only earned food, never past full, and says when to come back', async () => {
    const me = await h.newUser();
    await finishTasks(me, ['Prep'], { complexity: 5 });
    await hatchFirstEgg(me, 'Moss');
    await expect(me.caller.pets.feed({ portions: 1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('still an egg'),
    });
    await finishTasks(me, ['Shop', 'Cook', 'Eat', 'Tidy'], { complexity: 5 });
    const hungry = await me.caller.pets.get();
    expect(hungry).toMatchObject({ stage: 'baby', food: 10 });

    later(24 * 60);
    const before = await me.caller.pets.get();
    expect(before!.needs.fullness).toBe(FULLNESS_FLOOR);
    const fed = await me.caller.pets.feed({ portions: 5 });
    // From 20, four portions fill it: the fifth stays in the pantry.
    expect(fed.needs.fullness).toBe(100);
    expect(fed.food).toBe(6);
    await expect(me.caller.pets.feed({ portions: 1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^Moss is full\. Try again in/),
    });
    await expect(me.caller.pets.feed({ portions: 6 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect((await me.caller.pets.get())!.food).toBe(6);
  });

  it('answers no food with a way to earn some', async () => {
    const me = await h.newUser();
    await finishTasks(me, ['A', 'B', 'C']);
    await hatchFirstEgg(me, 'Fig');
    await h.db.update(creatures).set({ food: 0 }).where(eq(creatures.userId, me.id));
    await expect(me.caller.pets.feed({})).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Finishing a task or a focus session earns some'),
    });
  });

  it('plays a few times an hour', async () => {
    const me = await h.newUser();
    await hatchFirstEgg(me);
    for (let i = 0; i < 3; i++) await me.caller.pets.play();
    await expect(me.caller.pets.play()).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('needs a little rest'),
    });
    later(20);
    expect((await me.caller.pets.play()).plays.available).toBe(0);
  });

  it('left alone for a year it is sleepy and a little sad, never worse, and wakes when you return', async () => {
    const me = await h.newUser();
    await hatchFirstEgg(me, 'Tansy');
    later(365 * 24 * 60);
    const alone = await me.caller.pets.get();
    expect(alone!.needs).toEqual({
      fullness: FULLNESS_FLOOR,
      happiness: HAPPINESS_FLOOR,
      energy: ENERGY_FLOOR,
    });
    expect(alone!.mood).toBe('sleepy');
    await finishTasks(me, ['Open the curtains']);
    const back = await me.caller.pets.get();
    expect(back!.needs.energy).toBe(100);
    expect(back!.needs.happiness).toBeGreaterThanOrEqual(WELCOME_BACK_HAPPINESS);
  });

  it('renames with the same rules as hatching, and a seed biography follows the name', async () => {
    const me = await h.newUser();
    const pet = await hatchFirstEgg(me);
    await expect(me.caller.pets.rename({ name: 'x'.repeat(10_000) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('at most 24 characters'),
    });
    await expect(me.caller.pets.rename({ name: '   ' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(me.caller.pets.rename({ name: 'a\nb' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const renamed = await me.caller.pets.rename({ name: '  Sir   Wiggles ' });
    expect(renamed.name).toBe('Sir Wiggles');
    expect(renamed.biography).toBe(pet.biography.replaceAll(pet.name, 'Sir Wiggles'));
  });

  it('asks for an egg first when there is no creature to care for', async () => {
    const me = await h.newUser();
    await expect(me.caller.pets.play()).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('choose one of your three eggs'),
    });
  });
});

describe('REST', () => {
  it('serves the seed’s paths, with clear 400s', async () => {
    const me = await h.newUser();
    const key = (await me.caller.apiKeys.create({ name: 'pets', scopes: ['read', 'write'] }))
      .secret;
    const none = await h.rest('GET', '/pets', { key });
    expect(none.status).toBe(200);
    expect(await none.json()).toBeNull();

    const offer = (await (await h.rest('GET', '/pets/generate', { key })).json()) as {
      eggs: { seed: string; eggSvg: string }[];
    };
    expect(offer.eggs).toHaveLength(3);
    expect(offer.eggs[0]!.eggSvg).toContain('<svg');

    const bad = await h.rest('POST', '/pets/generate', { key, body: { seed: 'c1-zz' } });
    expect(bad.status).toBe(400);
    const hatched = await h.rest('POST', '/pets/generate', {
      key,
      body: { seed: offer.eggs[0]!.seed, name: 'Nori' },
    });
    expect(hatched.status).toBe(201);
    expect(hatched.headers.get('location')).toMatch(/\/pets$/);

    const renamed = await h.rest('PATCH', '/pets', { key, body: { name: 'Nori the Brave' } });
    expect(((await renamed.json()) as { name: string }).name).toBe('Nori the Brave');
    const tooLong = await h.rest('PATCH', '/pets', { key, body: { name: 'n'.repeat(10_240) } });
    expect(tooLong.status).toBe(400);
    const feed = await h.rest('POST', '/pets/feed', { key, body: { portions: 'lots' } });
    expect(feed.status).toBe(400);
    expect((await h.rest('POST', '/pets/play', { key, body: {} })).status).toBe(200);

    const level = (await (await h.rest('GET', '/pets/level', { key })).json()) as {
      level: number;
      nextLevelXp: number;
    };
    expect(level).toMatchObject({ level: 1, nextLevelXp: 40 });
    const preview = await h.rest('GET', `/pets/preview?seed=${offer.eggs[1]!.seed}&stage=elder`, {
      key,
    });
    expect(((await preview.json()) as { stage: string }).stage).toBe('elder');
    expect((await h.rest('GET', '/pets/preview?seed=nope', { key })).status).toBe(400);
    expect((await h.rest('GET', '/xp/ledger?limit=500', { key })).status).toBe(400);
    expect((await h.rest('GET', '/xp/verify', { key })).status).toBe(200);

    const doc = openApiDocument();
    for (const path of ['/pets', '/pets/level', '/pets/generate', '/pets/feed', '/xp/ledger']) {
      expect(Object.keys(doc.paths ?? {})).toContain(path);
    }
  });
});
