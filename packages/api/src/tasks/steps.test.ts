import { events } from '@proxy/db/schema';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const titles = (rows: { title: string }[]) => rows.map((r) => r.title);

describe('steps', () => {
  it('split steps keep the order shown, nest under the parent and count progress', async () => {
    const { caller } = await h.newUser();
    const parent = await caller.tasks.create({ title: 'Clean out the garage' });
    await caller.splitting.accept({
      id: parent.id,
      steps: [{ title: 'First' }, { title: 'Second' }, { title: 'Third' }],
    });
    const steps = await caller.splitting.steps({ id: parent.id });
    expect(titles(steps)).toEqual(['First', 'Second', 'Third']);
    expect(steps.map((s) => s.position)).toEqual([0, 1, 2]);

    const top = await caller.tasks.list({ topLevel: true });
    expect(titles(top.items)).toEqual(['Clean out the garage']);
    expect(top.items[0]!.steps).toEqual({ done: 0, total: 3 });
    // Without topLevel the steps are still there to be found (the API keeps its old answer).
    expect((await caller.tasks.list({})).items).toHaveLength(4);
    // The counts the lists show count the task once, its steps as part of it.
    const counts = await caller.tasks.counts();
    expect(Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0)).toBe(1);

    await caller.tasks.update({ id: steps[0]!.id, status: 'done' });
    await caller.tasks.update({ id: steps[2]!.id, status: 'archived' });
    const after = await caller.tasks.list({ topLevel: true });
    expect(after.items[0]!.steps).toEqual({ done: 1, total: 2 });

    // A trashed step counts for nothing.
    await caller.tasks.delete({ id: steps[1]!.id });
    expect((await caller.tasks.list({ topLevel: true })).items[0]!.steps).toEqual({
      done: 1,
      total: 1,
    });
  });

  it('adds steps last or at a place, and moves them, renumbering the siblings', async () => {
    const { id: userId, caller } = await h.newUser();
    const parent = await caller.tasks.create({ title: 'Plan the party', tags: ['home'] });
    const a = await caller.tasks.addStep({ id: parent.id, title: 'Guests' });
    const b = await caller.tasks.addStep({ id: parent.id, title: 'Food' });
    const c = await caller.tasks.addStep({ id: parent.id, title: 'Music', position: 0 });
    expect(a.parentId).toBe(parent.id);
    expect(a.tags).toEqual(['home']);
    expect(c.position).toBe(0);
    expect(titles(await caller.splitting.steps({ id: parent.id }))).toEqual([
      'Music',
      'Guests',
      'Food',
    ]);

    const moved = await caller.tasks.moveStep({ id: c.id, position: 99 });
    expect(titles(moved)).toEqual(['Guests', 'Food', 'Music']);
    expect(moved.map((s) => s.position)).toEqual([0, 1, 2]);
    await caller.tasks.moveStep({ id: b.id, position: 0 });
    expect(titles(await caller.splitting.steps({ id: parent.id }))).toEqual([
      'Food',
      'Guests',
      'Music',
    ]);

    const told = await h.db
      .select({ data: events.data })
      .from(events)
      .where(and(eq(events.userId, userId), eq(events.type, 'task.updated')));
    expect(told.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ taskId: c.id, changed: ['position'] }),
    );
    const created = await h.db
      .select({ data: events.data })
      .from(events)
      .where(and(eq(events.userId, userId), eq(events.type, 'task.created')));
    expect(created).toHaveLength(4);
  });

  it('steps are one level deep, owner-scoped, and bad input says what to fix', async () => {
    const me = await h.newUser();
    const other = await h.newUser();
    const parent = await me.caller.tasks.create({ title: 'Mine' });
    const step = await me.caller.tasks.addStep({ id: parent.id, title: 'A step' });

    await expect(me.caller.tasks.addStep({ id: step.id, title: 'Deeper' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'A step cannot have steps of its own',
    });
    await expect(
      me.caller.splitting.accept({ id: step.id, steps: [{ title: 'Deeper' }] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(me.caller.tasks.moveStep({ id: parent.id, position: 0 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Only a step can move among steps',
    });
    await expect(
      other.caller.tasks.addStep({ id: parent.id, title: 'Not yours' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(other.caller.tasks.moveStep({ id: step.id, position: 0 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const key = (await me.caller.apiKeys.create({ name: 'steps', scopes: ['read', 'write'] }))
      .secret;
    const empty = await h.rest('POST', `/tasks/${parent.id}/steps`, { key, body: { title: ' ' } });
    expect(empty.status).toBe(400);
    const added = await h.rest('POST', `/tasks/${parent.id}/steps`, {
      key,
      body: { title: 'Over REST' },
    });
    expect(added.status).toBe(201);
    const badMove = await h.rest('POST', `/tasks/${step.id}/move`, { key, body: { position: -1 } });
    expect(badMove.status).toBe(400);
    const move = await h.rest('POST', `/tasks/${step.id}/move`, { key, body: { position: 1 } });
    expect(move.status).toBe(200);
    expect(titles((await move.json()) as { title: string }[])).toEqual(['Over REST', 'A step']);
  });

  it('a template instantiates with ordered steps, and a task with steps saves as one', async () => {
    const { caller } = await h.newUser();
    const parent = await caller.tasks.create({ title: 'Weekly review' });
    for (const title of ['Inbox to zero', 'Look at the calendar', 'Pick three things']) {
      await caller.tasks.addStep({ id: parent.id, title });
    }
    const last = (await caller.splitting.steps({ id: parent.id })).at(-1)!;
    await caller.tasks.moveStep({ id: last.id, position: 0 });
    const template = await caller.templates.saveFromTask({ taskId: parent.id });
    expect(template.steps.map((s) => s.title)).toEqual([
      'Pick three things',
      'Inbox to zero',
      'Look at the calendar',
    ]);

    const made = await caller.templates.instantiate({ id: template.id });
    const steps = await caller.splitting.steps({ id: made.taskId });
    expect(titles(steps)).toEqual(['Pick three things', 'Inbox to zero', 'Look at the calendar']);
    expect(steps.map((s) => s.id)).toEqual(made.stepIds);
    const row = (await caller.tasks.list({ topLevel: true })).items.find(
      (t) => t.id === made.taskId,
    );
    expect(row?.steps).toEqual({ done: 0, total: 3 });
  });

  it("Today's next thing carries its first open step, in step order", async () => {
    const { caller } = await h.newUser();
    const big = await caller.tasks.create({ title: 'Tax return', priority: 'urgent' });
    await caller.tasks.planToday({ id: big.id });
    expect((await caller.tasks.today({})).nextStep).toBeNull();
    const find = await caller.tasks.addStep({ id: big.id, title: 'Find last year’s forms' });
    const gather = await caller.tasks.addStep({
      id: big.id,
      title: 'Gather receipts',
      position: 0,
    });
    let today = await caller.tasks.today({});
    expect(today.next?.id).toBe(big.id);
    expect(today.nextStep?.title).toBe('Gather receipts');
    // Steps never show as Today's own rows.
    expect(today.today.map((t) => t.id)).toEqual([big.id]);

    await caller.tasks.update({ id: gather.id, status: 'done' });
    today = await caller.tasks.today({});
    expect(today.nextStep?.id).toBe(find.id);
    await caller.tasks.update({ id: find.id, status: 'done' });
    expect((await caller.tasks.today({})).nextStep).toBeNull();
  });
});

describe('steps over REST', () => {
  it('GET /tasks?topLevel=true lists top-level tasks with their progress', async () => {
    const me = await h.newUser();
    const parent = await me.caller.tasks.create({ title: 'Parent' });
    await me.caller.tasks.addStep({ id: parent.id, title: 'Child' });
    const key = (await me.caller.apiKeys.create({ name: 'list', scopes: ['read'] })).secret;
    const res = await h.rest('GET', '/tasks?topLevel=true', { key });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { title: string; steps: unknown }[] };
    expect(body.items.map((t) => [t.title, t.steps])).toEqual([['Parent', { done: 0, total: 1 }]]);
    expect((await h.rest('GET', '/tasks?topLevel=maybe', { key })).status).toBe(400);
  });
});
