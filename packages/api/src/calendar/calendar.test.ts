import { calendarFeeds } from '@proxy/db/schema';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../http/openapi';
import { createHarness, type Harness } from '../testing';
import { calendarFeedResponse } from './http';
import { calendarFeedByToken } from './service';

/**
 * The private calendar feed, on PGlite and (under TEST_DATABASE_URL) PostgreSQL: read back with
 * an independent parser (ical.js), the events it holds and their times in the person's zone, and
 * the secret URL's life (made, shown again, replaced, revoked) through tRPC, REST and the feed.
 */
let h: Harness;
let clock = new Date('2026-03-20T12:00:00Z');

beforeAll(async () => {
  h = await createHarness({ now: () => clock });
});
afterAll(() => h.close());

type User = Awaited<ReturnType<Harness['newUser']>>;

const tokenOf = (url: string) => {
  const match = /\/api\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(url);
  if (!match) throw new Error(`Not a feed URL: ${url}`);
  return match[1]!;
};

async function feedOf(user: User) {
  const { url } = await user.caller.calendar.regenerate();
  const ics = await calendarFeedByToken(h.deps, tokenOf(url));
  if (ics === null) throw new Error('The new token opened no feed');
  return ics;
}

/** Parses with ical.js, registering the feed's own VTIMEZONEs so times resolve through them. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const events = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  return { calendar, events, byUid: new Map(events.map((e) => [e.uid, e])) };
}

const local = (t: ICAL.Time) =>
  `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')} ${String(
    t.hour,
  ).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;

const pomodoro = { kind: 'pomodoro' as const, blocks: 1 };

describe('the feed', () => {
  it('holds open tasks with due dates and planned focus blocks, in the person’s timezone', async () => {
    clock = new Date('2026-03-20T12:00:00Z');
    const me = await h.newUser();
    await me.caller.profile.update({ timezone: 'Europe/Berlin' });

    // Berlin moves to summer time at 02:00 on 29 March 2026: 15:00Z is 17:00 that afternoon.
    const onDstDay = await me.caller.tasks.create({
      title: 'Send the tax return',
      dueAt: '2026-03-29T15:00:00Z',
      estimateMinutes: 45,
      notes: 'Forms are in the blue folder',
    });
    // Before the change, an hour ahead of UTC; no estimate, so 30 minutes.
    const inWinter = await me.caller.tasks.create({
      title: 'Call the landlord',
      dueAt: '2026-03-25T10:00:00Z',
    });
    const done = await me.caller.tasks.create({
      title: 'Done already',
      dueAt: '2026-03-26T10:00:00Z',
    });
    await me.caller.tasks.update({ id: done.id, status: 'done' });
    const archived = await me.caller.tasks.create({
      title: 'Put away',
      dueAt: '2026-03-26T11:00:00Z',
    });
    await me.caller.tasks.update({ id: archived.id, status: 'archived' });
    await me.caller.tasks.create({ title: 'Someday, no date' });
    const longAgo = await me.caller.tasks.create({
      title: 'Long ago',
      dueAt: '2026-01-02T09:00:00Z',
    });

    const forTask = await me.caller.focus.plan({
      startsAt: '2026-03-30T07:00:00Z',
      settings: pomodoro,
      taskId: onDstDay.id,
    });
    const titled = await me.caller.focus.plan({
      startsAt: '2026-03-21T13:30:00Z',
      durationMinutes: 50,
      settings: pomodoro,
      title: 'Deep work on the essay',
    });

    const other = await h.newUser();
    const theirs = await other.caller.tasks.create({
      title: 'Not yours',
      dueAt: '2026-03-27T10:00:00Z',
    });
    const theirBlock = await other.caller.focus.plan({
      startsAt: '2026-03-27T12:00:00Z',
      settings: pomodoro,
      title: 'Their focus',
    });

    const ics = await feedOf(me);
    const { calendar, events, byUid } = parse(ics);

    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Proxy');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Berlin');
    expect(String(calendar.getFirstPropertyValue('prodid'))).toContain('Proxy');
    expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT1H');
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe(
      'Europe/Berlin',
    );

    expect(events.map((e) => e.uid).sort()).toEqual(
      [
        `task-${onDstDay.id}@proxy`,
        `task-${inWinter.id}@proxy`,
        `focus-block-${forTask.id}@proxy`,
        `focus-block-${titled.id}@proxy`,
      ].sort(),
    );
    for (const absent of [done.id, archived.id, longAgo.id, theirs.id]) {
      expect(ics).not.toContain(absent);
    }
    expect(ics).not.toContain(theirBlock.id);
    expect(ics).not.toContain('Not yours');

    const dst = byUid.get(`task-${onDstDay.id}@proxy`)!;
    expect(dst.summary).toBe('Send the tax return');
    expect(dst.description).toBe('Forms are in the blue folder');
    expect(dst.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Berlin');
    expect(dst.startDate.zone?.tzid).toBe('Europe/Berlin');
    expect(local(dst.startDate)).toBe('2026-03-29 17:00');
    expect(local(dst.endDate)).toBe('2026-03-29 17:45');
    expect(dst.startDate.toJSDate().toISOString()).toBe('2026-03-29T15:00:00.000Z');
    expect(dst.component.getFirstPropertyValue('url')).toBe(
      `${h.deps.publicUrl}/focus?task=${onDstDay.id}`,
    );

    const winter = byUid.get(`task-${inWinter.id}@proxy`)!;
    expect(winter.startDate.zone?.tzid).toBe('Europe/Berlin');
    expect(local(winter.startDate)).toBe('2026-03-25 11:00');
    expect(winter.duration.toSeconds()).toBe(30 * 60);
    expect(winter.startDate.toJSDate().toISOString()).toBe('2026-03-25T10:00:00.000Z');

    const block = byUid.get(`focus-block-${forTask.id}@proxy`)!;
    expect(block.summary).toBe('Focus: Send the tax return');
    expect(local(block.startDate)).toBe('2026-03-30 09:00');
    expect(block.duration.toSeconds()).toBe(forTask.durationMinutes * 60);
    const named = byUid.get(`focus-block-${titled.id}@proxy`)!;
    expect(named.summary).toBe('Focus: Deep work on the essay');
    expect(local(named.startDate)).toBe('2026-03-21 14:30');
    expect(local(named.endDate)).toBe('2026-03-21 15:20');

    // DTSTAMP is UTC, as RFC 5545 asks.
    expect(ics).toMatch(/^DTSTAMP:20260320T120000Z\r$/m);
  });

  it('writes the same local times whatever zone the server runs in', async () => {
    const me = await h.newUser();
    await me.caller.profile.update({ timezone: 'Europe/Berlin' });
    const task = await me.caller.tasks.create({
      title: 'Water plants',
      dueAt: '2026-03-29T15:00:00Z',
    });
    const before = process.env.TZ;
    try {
      for (const zone of ['America/New_York', 'Asia/Tokyo', 'UTC']) {
        process.env.TZ = zone;
        const event = parse(await feedOf(me)).byUid.get(`task-${task.id}@proxy`)!;
        expect(local(event.startDate)).toBe('2026-03-29 17:00');
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('writes UTC times for a person on UTC', async () => {
    const me = await h.newUser();
    await me.caller.profile.update({ timezone: 'UTC' });
    const task = await me.caller.tasks.create({ title: 'Standup', dueAt: '2026-03-23T09:15:00Z' });
    const ics = await feedOf(me);
    const event = parse(ics).byUid.get(`task-${task.id}@proxy`)!;
    expect(event.startDate.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-23T09:15:00.000Z');
    expect(ics).toContain('X-WR-TIMEZONE:UTC');
  });
});

describe('the secret URL', () => {
  it('is made, shown again, replaced (the old one stops working) and revoked', async () => {
    const me = await h.newUser();
    expect(await me.caller.calendar.get()).toEqual({ url: null, createdAt: null });

    const first = await me.caller.calendar.regenerate();
    expect(first.url).toMatch(
      new RegExp(`^${h.deps.publicUrl}/api/calendar/[A-Za-z0-9_-]{43}\\.ics$`),
    );
    expect(await me.caller.calendar.get()).toEqual({ url: first.url, createdAt: clock });
    const firstToken = tokenOf(first.url);
    expect(await calendarFeedByToken(h.deps, firstToken)).toContain('BEGIN:VCALENDAR');

    // Only the hash and a sealed copy are stored, never the token itself.
    const [row] = await h.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, me.id));
    expect(row!.lastFetchedAt).toEqual(clock);
    expect(JSON.stringify(row)).not.toContain(firstToken);

    const second = await me.caller.calendar.regenerate();
    expect(second.url).not.toBe(first.url);
    expect((await me.caller.calendar.get()).url).toBe(second.url);
    expect(await calendarFeedByToken(h.deps, firstToken)).toBeNull();
    expect(await calendarFeedByToken(h.deps, tokenOf(second.url))).toContain('BEGIN:VCALENDAR');

    expect(await me.caller.calendar.revoke()).toEqual({ revoked: true });
    expect(await me.caller.calendar.get()).toEqual({ url: null, createdAt: null });
    expect(await calendarFeedByToken(h.deps, tokenOf(second.url))).toBeNull();
    expect(await me.caller.calendar.revoke()).toEqual({ revoked: false });
  });

  it('answers the feed URL as the web app does: 200 text/calendar, or a bare 404', async () => {
    const me = await h.newUser();
    const { url } = await me.caller.calendar.regenerate();
    const token = tokenOf(url);

    const ok = await calendarFeedResponse(h.deps, `${token}.ics`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(ok.headers.get('cache-control')).toBe('private, max-age=300');
    expect(ok.headers.get('content-disposition')).toBe('inline; filename="proxy.ics"');
    expect(await ok.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect((await calendarFeedResponse(h.deps, token)).status).toBe(200);

    await me.caller.calendar.regenerate();
    const old = await calendarFeedResponse(h.deps, `${token}.ics`);
    expect(old.status).toBe(404);
    expect(await old.text()).toBe('Not found');
    for (const junk of ['', '.ics', 'x'.repeat(43), `${token}x`, '../../etc/passwd']) {
      expect((await calendarFeedResponse(h.deps, junk)).status).toBe(404);
    }
  });

  it('needs a signed-in caller', async () => {
    await expect(h.anonymous().calendar.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(h.anonymous().calendar.regenerate()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

describe('REST', () => {
  it('serves GET, POST and DELETE /calendar', async () => {
    const me = await h.newUser();
    const key = (await me.caller.apiKeys.create({ name: 'calendar', scopes: ['read', 'write'] }))
      .secret;
    const none = await h.rest('GET', '/calendar', { key });
    expect(none.status).toBe(200);
    expect(await none.json()).toEqual({ url: null, createdAt: null });

    const made = await h.rest('POST', '/calendar', { key, body: {} });
    expect(made.status).toBe(200);
    const { url } = (await made.json()) as { url: string };
    const shown = (await (await h.rest('GET', '/calendar', { key })).json()) as { url: string };
    expect(shown.url).toBe(url);
    expect(await calendarFeedByToken(h.deps, tokenOf(url))).not.toBeNull();

    const readOnly = (await me.caller.apiKeys.create({ name: 'ro', scopes: ['read'] })).secret;
    expect((await h.rest('POST', '/calendar', { key: readOnly, body: {} })).status).toBe(403);

    const revoked = await h.rest('DELETE', '/calendar', { key });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ revoked: true });
    expect(await calendarFeedByToken(h.deps, tokenOf(url))).toBeNull();
    expect((await h.rest('GET', '/calendar')).status).toBe(401);

    const paths = openApiDocument().paths ?? {};
    expect(Object.keys(paths['/calendar'] ?? {}).sort()).toEqual(['delete', 'get', 'post']);
  });
});
