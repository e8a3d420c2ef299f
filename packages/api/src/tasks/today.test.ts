import { users } from '@proxy/db/schema';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing';

/** Today over tRPC and REST, in the person's timezone, with "not today" and carrying over. */
let h: Harness;
let clock = new Date('2026-03-10T08:00:00Z'); // 09:00 in Berlin

beforeAll(async () => {
  h = await createHarness({ now: () => clock });
});
afterAll(() => h.close());

async function berliner() {
  const me = await h.newUser();
  await h.db.update(users).set({ timezone: 'Europe/Berlin' }).where(eq(users.id, me.id));
  return me;
}

describe('today', () => {
  it('gathers started, picked and due-today tasks; snoozes; carries over gently', async () => {
    clock = new Date('2026-03-10T08:00:00Z');
    const me = await berliner();
    const due = await me.caller.tasks.create({
      title: 'Pay the gas bill',
      dueAt: '2026-03-10T22:30:00Z', // 23:30 Berlin: still today there
      priority: 'high',
    });
    const later = await me.caller.tasks.create({ title: 'Call the bank', estimateMinutes: 10 });
    const picked = await me.caller.tasks.planToday({ id: later.id });
    expect(picked.plannedOn).toBe('2026-03-10');
    const inbox = await me.caller.tasks.create({ title: 'Someday: learn the banjo' });

    let today = await me.caller.tasks.today({});
    expect(today).toMatchObject({ date: '2026-03-10', timeZone: 'Europe/Berlin' });
    expect(today.today.map((t) => t.title)).toEqual(['Pay the gas bill', 'Call the bank']);
    expect(today.next?.id).toBe(due.id);

    // Not today: it is gone until Berlin's tomorrow begins.
    const snoozed = await me.caller.tasks.snooze({ id: due.id });
    expect(snoozed.snoozedUntil).toEqual(new Date('2026-03-10T23:00:00Z'));
    today = await me.caller.tasks.today({});
    expect(today.today.map((t) => t.title)).toEqual(['Call the bank']);
    await expect(me.caller.tasks.snooze({ id: due.id, until: '2026-03-10' })).rejects.toMatchObject(
      { code: 'BAD_REQUEST', message: 'Pick a day after today' },
    );
    await expect(me.caller.tasks.snooze({ id: due.id, until: 'next week' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });

    // The next morning: the bill is back, and yesterday's pick waits under "from earlier".
    clock = new Date('2026-03-11T07:00:00Z');
    today = await me.caller.tasks.today({});
    expect(today.today.map((t) => t.title)).toEqual([]);
    expect(today.earlier.map((t) => t.title).sort()).toEqual(['Call the bank', 'Pay the gas bill']);
    await me.caller.tasks.planToday({ id: later.id });
    today = await me.caller.tasks.today({});
    expect(today.today.map((t) => t.title)).toEqual(['Call the bank']);
    await me.caller.tasks.unplanToday({ id: later.id });
    today = await me.caller.tasks.today({});
    expect(today.today).toEqual([]);
    expect(today.suggestion).not.toBeNull();

    // What can I do now? Ten minutes, low energy: the unrated, unestimated banjo does not fit.
    const now10 = await me.caller.tasks.today({ minutes: 10, energy: 'low' });
    expect(now10.fits?.map((t) => t.title)).toEqual([]);
    await me.caller.tasks.update({ id: later.id, energy: 'low' });
    const fits = await me.caller.tasks.today({ minutes: 10, energy: 'low' });
    expect(fits.fits?.map((t) => t.title)).toEqual(['Call the bank']);
    expect(fits.next?.title).toBe('Call the bank');
    expect(inbox.plannedOn).toBeNull();
  });

  it('serves REST, scoped to the owner, with clear 400s', async () => {
    const me = await berliner();
    const other = await berliner();
    const key = (await me.caller.apiKeys.create({ name: 'today', scopes: ['read', 'write'] }))
      .secret;
    const mine = await me.caller.tasks.create({ title: 'Mine' });
    const theirs = await other.caller.tasks.create({ title: 'Theirs' });

    const plan = await h.rest('POST', `/tasks/${mine.id}/today`, { key });
    expect(plan.status).toBe(200);
    const res = await h.rest('GET', '/today?minutes=30&energy=medium', { key });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { today: { title: string }[]; fits: { title: string }[] };
    expect(body.today.map((t) => t.title)).toEqual(['Mine']);
    expect(body.fits.map((t) => t.title)).toEqual(['Mine']);

    expect((await h.rest('GET', '/today?minutes=0', { key })).status).toBe(400);
    expect((await h.rest('GET', '/today?energy=sparkly', { key })).status).toBe(400);
    expect((await h.rest('POST', `/tasks/${theirs.id}/today`, { key })).status).toBe(404);
    expect((await h.rest('POST', `/tasks/${theirs.id}/snooze`, { key, body: {} })).status).toBe(
      404,
    );
    const snooze = await h.rest('POST', `/tasks/${mine.id}/snooze`, {
      key,
      body: { until: '2099-01-01' },
    });
    expect(snooze.status).toBe(200);
    expect((await h.rest('DELETE', `/tasks/${mine.id}/today`, { key })).status).toBe(200);
  });
});
