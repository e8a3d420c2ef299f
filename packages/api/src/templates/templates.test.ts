import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('templates', () => {
  it('lists the five built-ins, which are read-only', async () => {
    const { caller } = await h.newUser();
    const list = await caller.templates.list({});
    expect(list.filter((t) => t.builtin).map((t) => t.name)).toEqual([
      'Deep-work block',
      'Inbox zero',
      'Morning start',
      'Tidy a room',
      'Weekly review',
    ]);
    await expect(caller.templates.delete({ id: list[0]!.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('creates, edits steps, instantiates into a task with micro-steps, saves a tree back', async () => {
    const { caller } = await h.newUser();
    const t = await caller.templates.create({
      name: 'Pack for a trip',
      tags: ['travel'],
      steps: [{ title: 'Charger', estimateMinutes: 1 }, { title: 'Passport' }],
    });
    const edited = await caller.templates.update({
      id: t.id,
      steps: [
        { title: 'Passport', energy: 'low' },
        { title: 'Charger', estimateMinutes: 1 },
        { title: 'Snacks', estimateMinutes: 5 },
      ],
    });
    expect(edited.steps.map((s) => [s.position, s.title])).toEqual([
      [0, 'Passport'],
      [1, 'Charger'],
      [2, 'Snacks'],
    ]);
    const made = await caller.templates.instantiate({ id: t.id, title: 'Pack for Lisbon' });
    expect(made.stepIds).toHaveLength(3);
    const parent = await caller.tasks.get({ id: made.taskId });
    expect(parent).toMatchObject({
      title: 'Pack for Lisbon',
      estimateMinutes: 6,
      tags: ['travel'],
    });
    const steps = await caller.tasks.list({ parentId: made.taskId });
    expect(steps.items.map((s) => s.title).reverse()).toEqual(['Passport', 'Charger', 'Snacks']);

    const saved = await caller.templates.saveFromTask({ taskId: made.taskId, name: 'Lisbon' });
    expect(saved.steps.map((s) => s.title)).toEqual(['Passport', 'Charger', 'Snacks']);
    expect(saved.builtin).toBe(false);

    const other = await h.newUser();
    await expect(other.caller.templates.get({ id: t.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(other.caller.templates.instantiate({ id: t.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await caller.templates.delete({ id: t.id });
    await expect(caller.templates.get({ id: t.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses dependency cycles and other users’ tasks', async () => {
    const { caller } = await h.newUser();
    const a = await caller.tasks.create({ title: 'A' });
    const b = await caller.tasks.create({ title: 'B' });
    await caller.dependencies.add({ id: b.id, dependsOnId: a.id });
    await expect(caller.dependencies.add({ id: a.id, dependsOnId: b.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const other = await h.newUser();
    const c = await other.caller.tasks.create({ title: 'C' });
    await expect(
      other.caller.dependencies.add({ id: c.id, dependsOnId: a.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await caller.dependencies.remove({ id: b.id, dependsOnId: a.id });
    expect((await caller.dependencies.list({ id: b.id })).dependsOn).toEqual([]);
  });
});
