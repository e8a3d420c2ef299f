import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDefaultTemplates } from '../templates/service';
import { createHarness, type Harness } from '../testing';
import { seedDemo } from './demo';
import { ROADMAP, seedRoadmap } from './roadmap';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const snapshot = async () =>
  JSON.stringify([
    await h.raw.query('select id, title, status, parent_id from tasks order by id'),
    await h.raw.query('select task_id, depends_on_id from task_dependencies order by 1, 2'),
    await h.raw.query('select id, name from templates order by id'),
    await h.raw.query('select id, title, position from template_steps order by id'),
  ]);

describe('roadmap seed', () => {
  it('creates BE-00..BE-15 and FE-01..FE-07 as meta tasks with their dependency tree, and a second run changes nothing', async () => {
    const { userId } = await seedDemo(h);
    const first = await seedRoadmap(h, userId);
    expect(first).toEqual({ createdTasks: 23, createdDependencies: 23 });
    expect(await seedDefaultTemplates(h)).toEqual({ created: 5 });
    const before = await snapshot();

    await seedDemo(h);
    expect(await seedRoadmap(h, userId)).toEqual({ createdTasks: 0, createdDependencies: 0 });
    expect(await seedDefaultTemplates(h)).toEqual({ created: 0 });
    expect(await snapshot()).toBe(before);

    const meta = await h.asUser(userId).tasks.list({ isMetaTask: 'true', limit: 100 });
    expect(meta.items).toHaveLength(ROADMAP.length);
    const be12 = meta.items.find((t) => t.title.startsWith('BE-12'))!;
    const deps = await h.asUser(userId).dependencies.list({ id: be12.id });
    expect(deps.dependsOn.map((d) => d.title)).toEqual(['BE-11: Creature Leveling Service']);
    const be00 = meta.items.find((t) => t.title.startsWith('BE-00'))!;
    expect(be00.delegationMode).toBe('DO_WITH_ME');
    const blocked = await h.asUser(userId).dependencies.list({ id: be00.id });
    expect(blocked.blocks).toHaveLength(15);
    expect(be00.status).toBe('done');
  });
});
