import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('tasks', () => {
  it('creates, gets, updates and deletes', async () => {
    const { caller } = await h.newUser();
    const task = await caller.tasks.create({
      title: '  Book the dentist  ',
      tags: ['Health', 'health', 'calls'],
      dueAt: '2026-12-01T09:00:00Z',
      energy: 'low',
      estimateMinutes: 10,
    });
    expect(task.title).toBe('Book the dentist');
    expect(task.tags).toEqual(['health', 'calls']);
    expect(task.status).toBe('inbox');
    expect(task.dueAt?.toISOString()).toBe('2026-12-01T09:00:00.000Z');

    const done = await caller.tasks.update({ id: task.id, status: 'done' });
    expect(done.completedAt).toBeInstanceOf(Date);
    const reopened = await caller.tasks.update({ id: task.id, status: 'todo', dueAt: null });
    expect(reopened.completedAt).toBeNull();
    expect(reopened.dueAt).toBeNull();
    expect(reopened.tags).toEqual(['health', 'calls']);

    await caller.tasks.delete({ id: task.id });
    await expect(caller.tasks.get({ id: task.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('filters by status, tag, due date and text', async () => {
    const { caller } = await h.newUser();
    await caller.tasks.create({
      title: 'Pay rent',
      tags: ['money'],
      dueAt: '2026-12-01T00:00:00Z',
    });
    await caller.tasks.create({
      title: 'Call mum',
      notes: 'about the 100% plan',
      tags: ['family'],
    });
    await caller.tasks.create({
      title: 'File taxes',
      tags: ['money'],
      status: 'todo',
      dueAt: '2027-03-01T00:00:00Z',
    });

    const titles = async (input: Parameters<typeof caller.tasks.list>[0]) =>
      (await caller.tasks.list(input)).items.map((t) => t.title).sort();

    expect(await titles({ tag: 'money' })).toEqual(['File taxes', 'Pay rent']);
    expect(await titles({ status: 'todo' })).toEqual(['File taxes']);
    expect(await titles({ dueBefore: '2027-01-01T00:00:00Z' })).toEqual(['Pay rent']);
    expect(await titles({ dueAfter: '2027-01-01T00:00:00Z' })).toEqual(['File taxes']);
    expect(await titles({ q: 'MUM' })).toEqual(['Call mum']);
    expect(await titles({ q: '100%' })).toEqual(['Call mum']); // searched in notes, % taken literally
    expect(await titles({ q: '%' })).toEqual(['Call mum']);
    expect(await titles({ tag: 'money', status: 'inbox' })).toEqual(['Pay rent']);
  });

  it('pages through a long list with the cursor, with no gaps or repeats', async () => {
    const { caller } = await h.newUser();
    const fixed = new Date('2026-11-01T10:00:00.000Z');
    for (let i = 0; i < 45; i++) await caller.tasks.create({ title: `Task ${i}` });
    // Eleven tasks share one timestamp: the id must break ties in the keyset.
    await h.raw.query(`update tasks set created_at = $1 where title like 'Task 1%'`, [fixed]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await caller.tasks.list({ limit: 7, cursor });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(7);
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
  });

  it('refuses a bad cursor with 400', async () => {
    const { caller } = await h.newUser();
    await expect(caller.tasks.list({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('nests micro-steps and refuses cycles', async () => {
    const { caller } = await h.newUser();
    const parent = await caller.tasks.create({ title: 'Clean the kitchen' });
    const step = await caller.tasks.create({ title: 'Clear the counter', parentId: parent.id });
    expect((await caller.tasks.list({ parentId: parent.id })).items.map((t) => t.id)).toEqual([
      step.id,
    ]);
    await expect(caller.tasks.update({ id: parent.id, parentId: step.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller.tasks.update({ id: parent.id, parentId: parent.id })).rejects.toMatchObject(
      {
        code: 'BAD_REQUEST',
      },
    );
    // Deleting the parent removes its steps.
    await caller.tasks.delete({ id: parent.id });
    await expect(caller.tasks.get({ id: step.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('ownership', () => {
  it("user B gets not-found for user A's task over tRPC and REST", async () => {
    const a = await h.newUser();
    const b = await h.newUser();
    const task = await a.caller.tasks.create({ title: "A's secret plan" });
    const bKey = (await b.caller.apiKeys.create({ name: 'b', scopes: ['read', 'write'] })).secret;

    await expect(b.caller.tasks.get({ id: task.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.caller.tasks.update({ id: task.id, title: 'mine now' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(b.caller.tasks.delete({ id: task.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      b.caller.tasks.create({ title: 'sneaky child', parentId: task.id }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await b.caller.tasks.list({ q: 'secret' })).items).toEqual([]);

    expect((await h.rest('GET', `/tasks/${task.id}`, { key: bKey })).status).toBe(404);
    expect(
      (await h.rest('PATCH', `/tasks/${task.id}`, { key: bKey, body: { title: 'mine now' } }))
        .status,
    ).toBe(404);
    expect((await h.rest('DELETE', `/tasks/${task.id}`, { key: bKey })).status).toBe(404);

    const still = await a.caller.tasks.get({ id: task.id });
    expect(still.title).toBe("A's secret plan");
  });
});

describe('profile and account', () => {
  it('updates the profile and refuses a taken handle', async () => {
    const a = await h.newUser();
    const b = await h.newUser();
    const updated = await a.caller.profile.update({
      displayName: 'Ada',
      handle: 'Ada_L',
      timezone: 'Europe/Berlin',
    });
    expect(updated).toMatchObject({
      displayName: 'Ada',
      handle: 'ada_l',
      timezone: 'Europe/Berlin',
    });
    await expect(b.caller.profile.update({ handle: 'ada_l' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(b.caller.profile.update({ timezone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('deleting the account removes every row it owns', async () => {
    const a = await h.newUser();
    const other = await h.newUser();
    await a.caller.tasks.create({ title: 'one' });
    await a.caller.apiKeys.create({ name: 'k', scopes: ['read'] });
    await other.caller.tasks.create({ title: 'keep me' });

    await expect(a.caller.profile.delete({ password: 'wrong-wrong' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await a.caller.profile.delete({ password: 'a calm purple otter' });
    const count = async (sql: string) => (await h.raw.query<{ n: number }>(sql, [a.id]))[0]?.n;
    expect(await count('select count(*)::int as n from users where id = $1')).toBe(0);
    expect(await count('select count(*)::int as n from tasks where user_id = $1')).toBe(0);
    expect(await count('select count(*)::int as n from api_keys where user_id = $1')).toBe(0);
    expect((await other.caller.tasks.list({})).items).toHaveLength(1);
  });
});
