import { events, focusMoves, focusSessions, taskTimeEntries } from '@proxy/db/schema';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../http/openapi';
import { createHarness, type Harness } from '../testing';

/**
 * The focus API through createCaller and REST, on PGlite and (under TEST_DATABASE_URL)
 * PostgreSQL, with an injected clock: the lifecycle, the one open session, bad input that
 * changes nothing, time on tasks, planned blocks, analytics.
 */
let h: Harness;
let clock = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, 0) + minutes * 60_000);
const setClock = (minutes: number) => {
  clock = at(minutes);
};

beforeAll(async () => {
  h = await createHarness({ now: () => clock });
});
afterAll(() => h.close());

async function eventsOf(userId: string, type: string) {
  return h.db
    .select()
    .from(events)
    .where(and(eq(events.userId, userId), eq(events.type, type)));
}

async function movesCount(sessionId: string) {
  return (await h.db.select().from(focusMoves).where(eq(focusMoves.sessionId, sessionId))).length;
}

describe('focus lifecycle', () => {
  it('starts on a task, pauses, resumes, is interrupted, stops; the time lands on the task', async () => {
    setClock(0);
    const me = await h.newUser();
    const task = await me.caller.tasks.create({ title: 'Write the report' });
    const started = await me.caller.focus.start({
      settings: { kind: 'pomodoro' },
      taskId: task.id,
      energyBefore: 2,
    });
    expect(started.state.phase).toBe('work');
    expect(started.taskTitle).toBe('Write the report');
    expect(started.energyBefore).toBe(2);
    expect(started.state.blockEndsAt).toEqual(at(25));
    expect(started.settings).toMatchObject({ workMinutes: 25, shortBreakMinutes: 5 });

    // A second start is a 409 that names the running session, and starts nothing.
    await expect(me.caller.focus.start({ settings: { kind: 'flowtime' } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(started.id),
    });

    setClock(10);
    const paused = await me.caller.focus.move({ id: started.id, move: { type: 'pause' } });
    expect(paused.state.phase).toBe('paused');
    expect(paused.state.timeLeftMs).toBe(15 * 60_000);
    setClock(15);
    const resumed = await me.caller.focus.move({ id: started.id, move: { type: 'resume' } });
    // Pause then resume conserves the work: the block ends five minutes later.
    expect(resumed.state.blockEndsAt).toEqual(at(30));
    setClock(17);
    await me.caller.focus.move({
      id: started.id,
      move: { type: 'interruption', note: '  Phone call  ' },
    });

    setClock(18);
    const current = await me.caller.focus.current();
    expect(current?.id).toBe(started.id);
    expect(current?.state.interruptions).toEqual([
      expect.objectContaining({ note: 'Phone call', cycle: 1 }),
    ]);
    expect(current?.serverNow).toEqual(at(18));

    setClock(20);
    const stopped = await me.caller.focus.move({
      id: started.id,
      move: { type: 'stop', energyAfter: 4 },
    });
    expect(stopped.state.phase).toBe('done');
    expect(stopped.state.outcome).toBe('stopped');
    expect(stopped.state.workedMs).toBe(15 * 60_000);
    expect(stopped.energyAfter).toBe(4);
    expect(await me.caller.focus.current()).toBeNull();

    const [row] = await h.db.select().from(focusSessions).where(eq(focusSessions.id, started.id));
    expect(row).toMatchObject({ outcome: 'stopped', workedMs: 15 * 60_000, interruptions: 1 });
    expect(row!.endedAt).toEqual(at(20));

    const time = await me.caller.timeEntries.forTask({ taskId: task.id });
    expect(time.totalMinutes).toBe(15);
    expect(time.entries).toEqual([
      expect.objectContaining({ source: 'focus', minutes: 15, focusSessionId: started.id }),
    ]);

    const [ended] = await eventsOf(me.id, 'focus.ended');
    expect(ended!.data).toMatchObject({
      sessionId: started.id,
      kind: 'pomodoro',
      taskId: task.id,
      focusedMinutes: 15,
      completed: false,
      workBlocks: 0,
      interruptions: 1,
    });
    expect(await eventsOf(me.id, 'focus.started')).toHaveLength(1);

    // The length can be fixed afterwards; the task's entry follows.
    const fixed = await me.caller.focus.fixLength({ id: started.id, workedMinutes: 12 });
    expect(fixed.focusedMinutes).toBe(12);
    expect((await me.caller.timeEntries.forTask({ taskId: task.id })).totalMinutes).toBe(12);

    const page = await me.caller.focus.list({});
    expect(page.items).toEqual([
      expect.objectContaining({
        id: started.id,
        focusedMinutes: 12,
        energyBefore: 2,
        energyAfter: 4,
        outcome: 'stopped',
      }),
    ]);
  });

  it('takes a break, emits break_started, skips back to work and completes', async () => {
    setClock(0);
    const me = await h.newUser();
    const s = await me.caller.focus.start({ settings: { kind: 'flowtime' } });
    expect(s.state.countUpFrom).toEqual(at(0));
    expect(s.state.blockEndsAt).toBeNull();
    setClock(30);
    const onBreak = await me.caller.focus.move({ id: s.id, move: { type: 'start_break' } });
    expect(onBreak.state.phase).toBe('short_break');
    // 20% of 30 minutes.
    expect(onBreak.state.blockEndsAt).toEqual(at(36));
    const [breakEvent] = await eventsOf(me.id, 'focus.break_started');
    expect(breakEvent!.data).toMatchObject({ breakType: 'short_break', breakMinutes: 6 });
    setClock(33);
    await me.caller.focus.move({ id: s.id, move: { type: 'skip_break' } });
    setClock(43);
    const done = await me.caller.focus.move({ id: s.id, move: { type: 'complete' } });
    expect(done.state.outcome).toBe('completed');
    expect(done.state.workedMs).toBe(40 * 60_000);
    const [ended] = await eventsOf(me.id, 'focus.ended');
    expect(ended!.data).toMatchObject({ completed: true, workBlocks: 2, focusedMinutes: 40 });
  });

  it('keeps sessions to their owner', async () => {
    setClock(0);
    const a = await h.newUser();
    const b = await h.newUser();
    const s = await a.caller.focus.start({ settings: { kind: 'short_burst' } });
    await expect(b.caller.focus.get({ id: s.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.caller.focus.move({ id: s.id, move: { type: 'pause' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await b.caller.focus.current()).toBeNull();
    // b's own start is not blocked by a's session.
    await b.caller.focus.start({ settings: { kind: 'short_burst' } });
    const other = await b.caller.tasks.create({ title: 'Not yours' });
    await expect(
      a.caller.focus.plan({
        startsAt: at(60).toISOString(),
        settings: { kind: 'pomodoro' },
        taskId: other.id,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('two starts at once: the database lets one through, the other is a 409', async () => {
    setClock(0);
    const me = await h.newUser();
    const results = await Promise.allSettled([
      me.caller.focus.start({ settings: { kind: 'pomodoro' } }),
      me.caller.focus.start({ settings: { kind: 'deep_work' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT' });
    const open = await h.db.select().from(focusSessions).where(eq(focusSessions.userId, me.id));
    expect(open).toHaveLength(1);
  });
});

describe('bad input is a clear 400 and changes nothing', () => {
  it('refuses negative and absurd durations, naming the kind', async () => {
    const me = await h.newUser();
    await expect(
      me.caller.focus.start({ settings: { kind: 'custom', workMinutes: -5 } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Custom work blocks are 1 to 240 minutes'),
    });
    await expect(
      me.caller.focus.start({ settings: { kind: 'short_burst', workMinutes: 180 } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Short burst'),
    });
    await expect(
      me.caller.focus.start({ settings: { kind: 'pomodoro' }, energyBefore: 9 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await h.db.select().from(focusSessions).where(eq(focusSessions.userId, me.id))).toEqual(
      [],
    );
  });

  it('refuses moves in an impossible order, and the session stays as it was', async () => {
    setClock(0);
    const me = await h.newUser();
    const s = await me.caller.focus.start({ settings: { kind: 'pomodoro' } });
    await expect(
      me.caller.focus.move({ id: s.id, move: { type: 'resume' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'The session is not paused' });
    await expect(
      me.caller.focus.move({ id: s.id, move: { type: 'skip_break' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      me.caller.focus.move({ id: s.id, move: { type: 'extend', minutes: -3 } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(me.caller.focus.fixLength({ id: s.id, workedMinutes: 10 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('ended'),
    });
    expect(await movesCount(s.id)).toBe(1);
    expect((await me.caller.focus.get({ id: s.id })).version).toBe(s.version);

    setClock(5);
    await me.caller.focus.move({ id: s.id, move: { type: 'stop' } });
    await expect(me.caller.focus.move({ id: s.id, move: { type: 'pause' } })).rejects.toMatchObject(
      { code: 'BAD_REQUEST', message: expect.stringContaining('ended') },
    );
    await expect(
      me.caller.focus.fixLength({ id: s.id, workedMinutes: 5000 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await movesCount(s.id)).toBe(2);
  });

  it('answers REST with 400s a person can act on, and 409 with the running id', async () => {
    setClock(0);
    const me = await h.newUser();
    const { secret: key } = await me.caller.apiKeys.create({
      name: 'focus',
      scopes: ['read', 'write'],
    });
    const bad = await h.rest('POST', '/focus/sessions', {
      key,
      body: { settings: { kind: 'deep_work', workMinutes: 20 } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('Deep work blocks are 50 to 90 minutes');

    const ok = await h.rest('POST', '/focus/sessions', {
      key,
      body: { settings: { kind: 'custom', workMinutes: 20 } },
    });
    expect(ok.status).toBe(201);
    const session = (await ok.json()) as { id: string; state: { blockEndsAt: string } };
    expect(session.state.blockEndsAt).toBe(at(20).toISOString());

    const again = await h.rest('POST', '/focus/sessions', {
      key,
      body: { settings: { kind: 'custom' } },
    });
    expect(again.status).toBe(409);
    expect(JSON.stringify(await again.json())).toContain(session.id);

    const impossible = await h.rest('POST', `/focus/sessions/${session.id}/moves`, {
      key,
      body: { move: { type: 'resume' } },
    });
    expect(impossible.status).toBe(400);
    const unknown = await h.rest('POST', `/focus/sessions/${session.id}/moves`, {
      key,
      body: { move: { type: 'teleport' } },
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain("A move's type is one of");

    setClock(4);
    const paused = await h.rest('POST', `/focus/sessions/${session.id}/moves`, {
      key,
      body: { move: { type: 'pause' } },
    });
    expect(paused.status).toBe(200);
    const current = await h.rest('GET', '/focus/current', { key });
    expect(((await current.json()) as { state: { phase: string } }).state.phase).toBe('paused');
    const analytics = await h.rest('GET', '/focus/analytics', { key });
    expect(analytics.status).toBe(200);
    const badWeek = await h.rest('GET', '/focus/analytics?weekStartsOn=9', { key });
    expect(badWeek.status).toBe(400);
  });

  it('lists every focus path in the OpenAPI document', async () => {
    const paths = Object.keys(openApiDocument().paths ?? {});
    for (const path of [
      '/focus/sessions',
      '/focus/current',
      '/focus/sessions/{id}',
      '/focus/sessions/{id}/moves',
      '/focus/sessions/{id}/check-ins',
      '/focus/sessions/{id}/length',
      '/focus/analytics',
      '/focus/planned',
      '/tasks/{taskId}/timer',
      '/tasks/{taskId}/time-entries',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe('time on tasks', () => {
  it('starts and stops timers (a new one stops the old), adds manual entries', async () => {
    setClock(0);
    const me = await h.newUser();
    const a = await me.caller.tasks.create({ title: 'A' });
    const b = await me.caller.tasks.create({ title: 'B' });
    await me.caller.timeEntries.startTimer({ taskId: a.id });
    setClock(12);
    const switched = await me.caller.timeEntries.startTimer({ taskId: b.id });
    expect(switched.stopped).toMatchObject({ taskId: a.id, minutes: 12 });
    setClock(20);
    expect((await me.caller.timeEntries.forTask({ taskId: b.id })).totalMinutes).toBe(8);
    const stopped = await me.caller.timeEntries.stopTimer({});
    expect(stopped).toMatchObject({ taskId: b.id, minutes: 8 });
    await expect(me.caller.timeEntries.stopTimer({})).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await me.caller.timeEntries.add({ taskId: a.id, minutes: 30, note: 'yesterday' });
    await expect(me.caller.timeEntries.add({ taskId: a.id, minutes: -30 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const time = await me.caller.timeEntries.forTask({ taskId: a.id });
    expect(time.totalMinutes).toBe(42);
    expect(time.entries.map((e) => e.source).sort()).toEqual(['manual', 'timer']);
    const other = await h.newUser();
    await expect(other.caller.timeEntries.forTask({ taskId: a.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('planned blocks and analytics', () => {
  it('plans a block, starts it, and counts the minutes in the person’s timezone', async () => {
    setClock(0);
    const me = await h.newUser();
    await me.caller.profile.update({ timezone: 'America/New_York' });
    const block = await me.caller.focus.plan({
      startsAt: at(60).toISOString(),
      settings: { kind: 'pomodoro', blocks: 2 },
      title: 'Inbox zero',
    });
    // Two blocks of 25 with a 5-minute break between them.
    expect(block.durationMinutes).toBe(55);
    expect((await me.caller.focus.planned({})).map((p) => p.id)).toEqual([block.id]);

    setClock(60);
    const s = await me.caller.focus.start({
      settings: block.settings,
      plannedBlockId: block.id,
      energyBefore: 2,
    });
    await expect(
      me.caller.focus.start({ settings: block.settings, plannedBlockId: block.id }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    setClock(80);
    await me.caller.focus.move({ id: s.id, move: { type: 'stop', energyAfter: 4 } });
    expect((await me.caller.focus.planned({}))[0]!.sessionId).toBe(s.id);

    const a = await me.caller.focus.analytics({});
    // 10:00 UTC is 05:00 in New York in March (before DST starts on the 8th).
    expect(a.timeZone).toBe('America/New_York');
    expect(a.totals).toMatchObject({ sessions: 1, ended: 1, completed: 0, focusedMinutes: 20 });
    expect(a.days.at(-1)).toMatchObject({ date: '2026-03-02', minutes: 20 });
    expect(a.bestHours[5]!.minutes).toBe(20);
    expect(a.energy).toMatchObject({ checkIns: 1, averageBefore: 2, averageAfter: 4, better: 1 });
    expect(a.streak).toMatchObject({ current: 1, today: true });
  });

  it('account deletion takes the focus rows with it', async () => {
    setClock(0);
    const me = await h.newUser();
    const task = await me.caller.tasks.create({ title: 'T' });
    const s = await me.caller.focus.start({ settings: { kind: 'custom' }, taskId: task.id });
    setClock(10);
    await me.caller.focus.move({ id: s.id, move: { type: 'stop' } });
    await me.caller.profile.delete({ password: 'a calm purple otter' });
    expect(await h.db.select().from(focusSessions).where(eq(focusSessions.userId, me.id))).toEqual(
      [],
    );
    expect(
      await h.db.select().from(taskTimeEntries).where(eq(taskTimeEntries.userId, me.id)),
    ).toEqual([]);
  });
});
