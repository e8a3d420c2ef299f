import { events } from '@proxy/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../http/openapi';
import { trashPurge } from '../jobs/definitions';
import { createHarness, type Harness } from '../testing';

let h: Harness;
let clock = new Date('2026-12-01T09:00:00Z');
const DAY = 24 * 60 * 60_000;

beforeAll(async () => {
  h = await createHarness({ now: () => clock });
});
afterAll(() => h.close());

const tick = (ms = 1000) => {
  clock = new Date(clock.getTime() + ms);
};

async function taskWithSteps(caller: Awaited<ReturnType<Harness['newUser']>>['caller']) {
  const parent = await caller.tasks.create({ title: 'Tidy the garage' });
  const one = await caller.tasks.create({ title: 'Clear the floor', parentId: parent.id });
  const two = await caller.tasks.create({ title: 'Sweep', parentId: parent.id });
  const deep = await caller.tasks.create({ title: 'Find the broom', parentId: two.id });
  return { parent, one, two, deep };
}

describe('deleting a task moves it to the trash', () => {
  it('takes it and its steps out of every list and search, and restores them together', async () => {
    const me = await h.newUser();
    const { parent, one, two, deep } = await taskWithSteps(me.caller);
    const deleted = await me.caller.tasks.delete({ id: parent.id });
    expect(deleted).toEqual({
      id: parent.id,
      trashed: true,
      purgeAt: new Date(clock.getTime() + 30 * DAY),
    });

    expect((await me.caller.tasks.list({})).items).toEqual([]);
    expect((await me.caller.tasks.list({ q: 'garage' })).items).toEqual([]);
    expect((await me.caller.tasks.list({ parentId: parent.id })).items).toEqual([]);
    expect(await me.caller.tasks.counts()).toEqual({});
    await expect(me.caller.tasks.get({ id: deep.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(me.caller.tasks.update({ id: one.id, title: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      me.caller.tasks.create({ title: 'Under a trashed task', parentId: parent.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const trash = await me.caller.trash.list({});
    expect(trash.tasks.map((t) => [t.title, t.stepCount])).toEqual([['Tidy the garage', 3]]);
    expect(trash.retentionDays).toBe(30);

    tick();
    const restored = await me.caller.trash.restoreTask({ id: parent.id });
    expect(restored.id).toBe(parent.id);
    const titles = (await me.caller.tasks.list({})).items.map((t) => t.title).sort();
    expect(titles).toEqual(['Clear the floor', 'Find the broom', 'Sweep', 'Tidy the garage']);
    expect((await me.caller.tasks.get({ id: deep.id })).parentId).toBe(two.id);
    expect((await me.caller.trash.list({})).tasks).toEqual([]);
  });

  it('keeps a step trashed on its own in the trash when its parent comes back', async () => {
    const me = await h.newUser();
    const { parent, one } = await taskWithSteps(me.caller);
    await me.caller.tasks.delete({ id: one.id });
    tick();
    await me.caller.tasks.delete({ id: parent.id });
    const trash = await me.caller.trash.list({});
    expect(trash.tasks.map((t) => [t.title, t.stepCount])).toEqual([
      ['Tidy the garage', 2],
      ['Clear the floor', 0],
    ]);
    await me.caller.trash.restoreTask({ id: parent.id });
    expect((await me.caller.trash.list({})).tasks.map((t) => t.title)).toEqual(['Clear the floor']);
    // Restoring a step whose parent is in the trash brings the parent back too.
    await me.caller.tasks.delete({ id: parent.id });
    await me.caller.trash.restoreTask({ id: one.id });
    expect((await me.caller.tasks.get({ id: one.id })).parentId).toBe(parent.id);
    expect((await me.caller.tasks.get({ id: parent.id })).title).toBe('Tidy the garage');
  });

  it('tells webhooks and the activity history: deleted, then restored', async () => {
    const me = await h.newUser();
    const task = await me.caller.tasks.create({ title: 'Call the plumber' });
    await me.caller.tasks.delete({ id: task.id });
    await me.caller.trash.restoreTask({ id: task.id });
    await me.caller.tasks.delete({ id: task.id, permanent: 'true' });
    const rows = await h.db
      .select({ type: events.type, data: events.data })
      .from(events)
      .where(and(eq(events.userId, me.id), sql`${events.data}->>'taskId' = ${task.id}`))
      .orderBy(events.seq);
    expect(rows.map((r) => [r.type, (r.data as { permanent?: boolean }).permanent])).toEqual([
      ['task.created', undefined],
      ['task.deleted', false],
      ['task.restored', undefined],
      ['task.deleted', true],
    ]);
  });

  it('cancels the agent work of a task put in the trash', async () => {
    const me = await h.newUser();
    const task = await me.caller.tasks.create({ title: 'Summarise the report' });
    const { assignment } = await me.caller.delegation.delegate({
      task_id: task.id,
      delegation_mode: 'DELEGATE',
    });
    expect(assignment.status).toBe('queued');
    await me.caller.tasks.delete({ id: task.id });
    await h.runJobs();
    const rows = await h.raw.query<{ status: string }>(
      'select status from assignments where task_id = $1',
      [task.id],
    );
    expect(rows.map((r) => r.status)).toEqual(['cancelled']);
  });
});

describe('purging', () => {
  it('purges one item or the whole trash for good, steps included', async () => {
    const me = await h.newUser();
    const a = await taskWithSteps(me.caller);
    const b = await me.caller.tasks.create({ title: 'Second' });
    const c = await me.caller.tasks.create({ title: 'Third' });
    await me.caller.tasks.delete({ id: a.parent.id });
    await me.caller.tasks.delete({ id: b.id });
    await me.caller.tasks.delete({ id: c.id });

    expect(await me.caller.trash.purgeTask({ id: a.parent.id })).toEqual({ id: a.parent.id });
    const left = await h.raw.query<{ n: number }>(
      'select count(*)::int as n from tasks where id = any($1)',
      [[a.parent.id, a.one.id, a.two.id, a.deep.id]],
    );
    expect(left[0]!.n).toBe(0);
    // A live task is not purged by the trash's endpoint.
    const live = await me.caller.tasks.create({ title: 'Still here' });
    await expect(me.caller.trash.purgeTask({ id: live.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    expect(await me.caller.trash.empty({})).toEqual({ tasks: 2, templates: 0 });
    expect((await me.caller.trash.list({})).tasks).toEqual([]);
    expect((await me.caller.tasks.list({})).items.map((t) => t.title)).toEqual(['Still here']);
  });

  it('deletes at once with permanent, from the lists or from the trash', async () => {
    const me = await h.newUser();
    const t = await me.caller.tasks.create({ title: 'Gone now' });
    expect(await me.caller.tasks.delete({ id: t.id, permanent: 'true' })).toEqual({
      id: t.id,
      trashed: false,
      purgeAt: null,
    });
    expect((await me.caller.trash.list({})).tasks).toEqual([]);
    const u = await me.caller.tasks.create({ title: 'Trashed then gone' });
    await me.caller.tasks.delete({ id: u.id });
    await me.caller.tasks.delete({ id: u.id, permanent: 'true' });
    expect((await me.caller.trash.list({})).tasks).toEqual([]);
    await expect(me.caller.trash.restoreTask({ id: u.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('the hourly job purges everyone’s trash after 30 days, and nothing younger', async () => {
    const me = await h.newUser();
    const other = await h.newUser();
    const old = await taskWithSteps(me.caller);
    const oldTemplate = await me.caller.templates.create({
      name: 'Old routine',
      steps: [{ title: 'Stretch' }],
    });
    const theirs = await other.caller.tasks.create({ title: 'Their old one' });
    await me.caller.tasks.delete({ id: old.parent.id });
    await me.caller.templates.delete({ id: oldTemplate.id });
    await other.caller.tasks.delete({ id: theirs.id });
    tick(10 * DAY);
    const young = await me.caller.tasks.create({ title: 'Deleted later' });
    await me.caller.tasks.delete({ id: young.id });

    tick(20 * DAY - 2000);
    await h.deps.jobs.send(trashPurge, {});
    await h.runJobs({ only: [trashPurge] });
    expect((await me.caller.trash.list({})).tasks).toHaveLength(2);

    tick(2001);
    await h.deps.jobs.send(trashPurge, {});
    expect(await h.runJobs({ only: [trashPurge] })).toBe(1);
    const mine = await me.caller.trash.list({});
    expect(mine.tasks.map((t) => t.title)).toEqual(['Deleted later']);
    expect(mine.templates).toEqual([]);
    expect((await other.caller.trash.list({})).tasks).toEqual([]);
    const rows = await h.raw.query<{ n: number }>(
      'select count(*)::int as n from tasks where id = any($1)',
      [[old.parent.id, old.deep.id, theirs.id]],
    );
    expect(rows[0]!.n).toBe(0);
    expect(
      (
        await h.raw.query<{ n: number }>('select count(*)::int as n from templates where id = $1', [
          oldTemplate.id,
        ])
      )[0]!.n,
    ).toBe(0);
  });
});

describe('owner scoping', () => {
  it('never shows, restores or purges another person’s trash', async () => {
    const a = await h.newUser();
    const b = await h.newUser();
    const task = await a.caller.tasks.create({ title: 'Private' });
    const template = await a.caller.templates.create({ name: 'Mine', steps: [{ title: 'x' }] });
    await a.caller.tasks.delete({ id: task.id });
    await a.caller.templates.delete({ id: template.id });
    const theirs = await b.caller.trash.list({});
    expect(theirs.tasks).toEqual([]);
    expect(theirs.templates).toEqual([]);
    // One at a time: a call started before the previous one is awaited could reject unhandled.
    for (const attempt of [
      () => b.caller.trash.restoreTask({ id: task.id }),
      () => b.caller.trash.purgeTask({ id: task.id }),
      () => b.caller.trash.restoreTemplate({ id: template.id }),
      () => b.caller.trash.purgeTemplate({ id: template.id }),
      () => b.caller.tasks.delete({ id: task.id, permanent: 'true' }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await b.caller.trash.empty({})).toEqual({ tasks: 0, templates: 0 });
    const mine = await a.caller.trash.list({});
    expect(mine.tasks.map((t) => t.id)).toEqual([task.id]);
    expect(mine.templates.map((t) => t.id)).toEqual([template.id]);
  });
});

describe('templates go to the trash too', () => {
  it('deletes to the trash, restores with its steps, and refuses built-ins', async () => {
    const me = await h.newUser();
    const t = await me.caller.templates.create({
      name: 'Evening reset',
      steps: [{ title: 'Dishes', estimateMinutes: 10 }, { title: 'Lay out clothes' }],
    });
    const deleted = await me.caller.templates.delete({ id: t.id });
    expect(deleted.trashed).toBe(true);
    expect((await me.caller.templates.list({})).map((x) => x.id)).not.toContain(t.id);
    await expect(me.caller.templates.get({ id: t.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(me.caller.templates.instantiate({ id: t.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const trash = await me.caller.trash.list({});
    expect(trash.templates.map((x) => [x.name, x.steps.length])).toEqual([['Evening reset', 2]]);

    const restored = await me.caller.trash.restoreTemplate({ id: t.id });
    expect(restored.steps.map((s) => s.title)).toEqual(['Dishes', 'Lay out clothes']);
    expect((await me.caller.templates.list({})).map((x) => x.id)).toContain(t.id);

    const builtin = (await me.caller.templates.list({})).find((x) => x.builtin)!;
    await expect(me.caller.templates.delete({ id: builtin.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      me.caller.templates.delete({ id: builtin.id, permanent: 'true' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await me.caller.templates.delete({ id: t.id });
    expect(await me.caller.trash.purgeTemplate({ id: t.id })).toEqual({ id: t.id });
    expect((await me.caller.trash.list({})).templates).toEqual([]);
  });
});

describe('over REST', () => {
  it('lists, restores and purges the trash, and DELETE says where the task went', async () => {
    const me = await h.newUser();
    const key = (await me.caller.apiKeys.create({ name: 'agent', scopes: ['read', 'write'] }))
      .secret;
    const task = await me.caller.tasks.create({ title: 'Over the wire' });
    const del = await h.rest('DELETE', `/tasks/${task.id}`, { key });
    expect(del.status).toBe(200);
    expect(await del.json()).toMatchObject({ id: task.id, trashed: true });

    const list = await h.rest('GET', '/trash', { key });
    expect(list.status).toBe(200);
    const body = (await list.json()) as { tasks: { id: string; purgeAt: string }[] };
    expect(body.tasks.map((t) => t.id)).toEqual([task.id]);

    const restore = await h.rest('POST', `/trash/tasks/${task.id}/restore`, { key, body: {} });
    expect(restore.status).toBe(200);
    expect(((await restore.json()) as { title: string }).title).toBe('Over the wire');
    expect(
      (await h.rest('POST', `/trash/tasks/${task.id}/restore`, { key, body: {} })).status,
    ).toBe(404);

    const bad = await h.rest('DELETE', `/tasks/${task.id}?permanent=perhaps`, { key });
    expect(bad.status).toBe(400);
    const gone = await h.rest('DELETE', `/tasks/${task.id}?permanent=true`, { key });
    expect(await gone.json()).toMatchObject({ trashed: false, purgeAt: null });
    expect((await h.rest('GET', `/tasks/${task.id}`, { key })).status).toBe(404);

    const template = await me.caller.templates.create({ name: 'REST one', steps: [] });
    expect((await h.rest('DELETE', `/templates/${template.id}`, { key })).status).toBe(200);
    const emptied = await h.rest('DELETE', '/trash', { key });
    expect(await emptied.json()).toEqual({ tasks: 0, templates: 1 });

    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    const doc = { paths };
    expect(Object.keys(doc.paths['/trash']!).sort()).toEqual(['delete', 'get']);
    expect(doc.paths['/trash/tasks/{id}/restore']).toHaveProperty('post');
    expect(doc.paths['/trash/tasks/{id}']).toHaveProperty('delete');
    expect(doc.paths['/trash/templates/{id}/restore']).toHaveProperty('post');
    expect(doc.paths['/trash/templates/{id}']).toHaveProperty('delete');
  });
});
