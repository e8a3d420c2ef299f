import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';

// Monday 7 December 2026, 23:30 UTC: already Tuesday in Berlin, still Monday in New York.
const clock = new Date('2026-12-07T23:30:00Z');
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ now: () => clock });
});
afterAll(() => h.close());

describe('tasks.quickAdd', () => {
  it("reads the text in the person's own timezone", async () => {
    const berlin = await h.newUser();
    await berlin.caller.profile.update({ timezone: 'Europe/Berlin' });
    const newYork = await h.newUser();
    await newYork.caller.profile.update({ timezone: 'America/New_York' });

    const text = 'Call the vet tomorrow 5pm #pets !high ~15m';
    const b = await berlin.caller.tasks.quickAdd({ text });
    expect(b).toMatchObject({
      title: 'Call the vet',
      tags: ['pets'],
      priority: 'high',
      estimateMinutes: 15,
      status: 'inbox',
    });
    expect(b.dueAt?.toISOString()).toBe('2026-12-09T16:00:00.000Z'); // Wednesday 17:00 Berlin
    const n = await newYork.caller.tasks.quickAdd({ text });
    expect(n.dueAt?.toISOString()).toBe('2026-12-08T22:00:00.000Z'); // Tuesday 17:00 New York
  });

  it('keeps date words when asked, and lands where it is told', async () => {
    const { caller } = await h.newUser();
    const task = await caller.tasks.quickAdd({
      text: 'Watch Friday Night Lights #tv',
      ignoreDates: true,
      status: 'todo',
    });
    expect(task).toMatchObject({
      title: 'Watch Friday Night Lights',
      tags: ['tv'],
      status: 'todo',
    });
    expect(task.dueAt).toBeNull();
  });

  it('refuses text that says only when, with a message for the field', async () => {
    const { caller } = await h.newUser();
    await expect(caller.tasks.quickAdd({ text: 'tomorrow #personal' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Say what the task is, not only when or how',
    });
    await expect(caller.tasks.quickAdd({ text: '   ' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const long = `${'word '.repeat(110)}tomorrow`;
    await expect(caller.tasks.quickAdd({ text: long })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect((await caller.tasks.list({})).items).toHaveLength(0);
  });

  it('answers REST with 201, its Location, and field errors for bad text', async () => {
    const { caller } = await h.newUser();
    const key = (await caller.apiKeys.create({ name: 'agent', scopes: ['read', 'write'] })).secret;
    const res = await h.rest('POST', '/tasks/quick-add', {
      key,
      body: { text: 'Renew passport next fri p1' },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; title: string; priority: string };
    expect(body).toMatchObject({ title: 'Renew passport', priority: 'urgent' });
    expect(res.headers.get('location')).toContain(`/tasks/${body.id}`);

    const bad = await h.rest('POST', '/tasks/quick-add', { key, body: { text: 42 } });
    expect(bad.status).toBe(400);
    const onlyWhen = await h.rest('POST', '/tasks/quick-add', { key, body: { text: 'at 5pm' } });
    expect(onlyWhen.status).toBe(400);
    expect(JSON.stringify(await onlyWhen.json())).toContain('Add a few words for the task itself');
  });
});
