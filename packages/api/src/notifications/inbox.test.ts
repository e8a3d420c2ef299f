import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../http/openapi';
import { createHarness, type Harness } from '../testing';
import { insertNotification } from './fixtures';

let h: Harness;
let clock = new Date('2026-11-21T12:00:00Z');
beforeAll(async () => {
  h = await createHarness({ now: () => clock });
});
afterAll(() => h.close());

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 8, minutes));

describe('notifications inbox over tRPC', () => {
  it('lists newest first with deliveries, counts unread, marks read idempotently', async () => {
    const { id, caller } = await h.newUser();
    const older = await insertNotification(h.db, id, { title: 'Older', createdAt: at(1) });
    const newer = await insertNotification(h.db, id, {
      title: 'Newer',
      createdAt: at(2),
      email: true,
    });

    const page = await caller.notifications.list();
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((n) => n.title)).toEqual(['Newer', 'Older']);
    const first = page.items[0]!;
    expect(first).toMatchObject({
      id: newer.notification.id,
      kind: 'monitor_triggered',
      link: '/monitors/00000000-0000-4000-8000-000000000001',
      priority: 'normal',
      subject: null,
      readAt: null,
    });
    expect(first.deliveries).toEqual([
      expect.objectContaining({ channel: 'in_app', status: 'sent', attempts: 0, lastError: null }),
      expect.objectContaining({ channel: 'email', status: 'pending', sentAt: null }),
    ]);
    expect(page.items[1]!.deliveries.map((d) => d.channel)).toEqual(['in_app']);

    expect(await caller.notifications.unreadCount()).toEqual({ count: 2 });
    const read = await caller.notifications.markRead({ id: older.notification.id });
    expect(read).toEqual({ id: older.notification.id, readAt: clock });
    expect(await caller.notifications.unreadCount()).toEqual({ count: 1 });

    // Marking again keeps the first read time.
    const firstRead = clock;
    clock = new Date(clock.getTime() + 60_000);
    expect(await caller.notifications.markRead({ id: older.notification.id })).toEqual({
      id: older.notification.id,
      readAt: firstRead,
    });

    const unread = await caller.notifications.list({ unreadOnly: 'true' });
    expect(unread.items.map((n) => n.title)).toEqual(['Newer']);
    const all = await caller.notifications.list({ unreadOnly: 'false' });
    expect(all.items).toHaveLength(2);

    expect(await caller.notifications.markAllRead()).toEqual({ count: 1 });
    expect(await caller.notifications.markAllRead()).toEqual({ count: 0 });
    expect(await caller.notifications.unreadCount()).toEqual({ count: 0 });
    expect((await caller.notifications.list({ unreadOnly: 'true' })).items).toEqual([]);
  });

  it('pages with the cursor, with no gaps or repeats, even for notifications created together', async () => {
    const { id, caller } = await h.newUser();
    for (let i = 0; i < 17; i++) {
      // Several share a millisecond; the database keeps microseconds.
      const createdAt = at(Math.floor(i / 4));
      await insertNotification(h.db, id, { title: `N${i}`, createdAt });
    }
    // Microsecond differences inside one millisecond must not break the keyset.
    await h.raw.query(
      `update notifications set created_at = created_at + (random() * interval '900 microseconds') where user_id = $1`,
      [id],
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await caller.notifications.list({ limit: 5, cursor });
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(17);
    expect(new Set(seen).size).toBe(17);
  });

  it('keeps each user to their own inbox', async () => {
    const a = await h.newUser();
    const b = await h.newUser();
    const mine = await insertNotification(h.db, a.id, { title: "A's news" });
    await insertNotification(h.db, b.id, { title: "B's news" });

    expect((await b.caller.notifications.list()).items.map((n) => n.title)).toEqual(["B's news"]);
    await expect(
      b.caller.notifications.markRead({ id: mine.notification.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await b.caller.notifications.markAllRead()).toEqual({ count: 1 });
    expect(await a.caller.notifications.unreadCount()).toEqual({ count: 1 });
    await expect(
      a.caller.notifications.markRead({ id: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses bad input and anonymous callers', async () => {
    const { caller } = await h.newUser();
    await expect(caller.notifications.list({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller.notifications.list({ limit: 0 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller.notifications.markRead({ id: 'nope' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(h.anonymous().notifications.unreadCount()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

describe('notification channels', () => {
  it('says email is off without SMTP settings and on with a mailer', async () => {
    const { caller } = await h.newUser();
    expect(await caller.notifications.channels()).toEqual({
      inApp: true,
      email: false,
      push: false,
    });
    const withMail = await createHarness({ mailer: { send: async () => {} } });
    try {
      const other = await withMail.newUser();
      expect(await other.caller.notifications.channels()).toEqual({
        inApp: true,
        email: true,
        push: false,
      });
    } finally {
      await withMail.close();
    }
  });
});

describe('notifications inbox over REST', () => {
  it('is in the OpenAPI document', () => {
    const paths = Object.keys(openApiDocument().paths ?? {});
    expect(paths).toEqual(
      expect.arrayContaining([
        '/notifications',
        '/notifications/unread-count',
        '/notifications/{id}/read',
        '/notifications/read-all',
      ]),
    );
  });

  it('lists, counts and marks with an API key', async () => {
    const a = await h.newUser();
    const key = (await a.caller.apiKeys.create({ name: 'inbox', scopes: ['read', 'write'] }))
      .secret;
    const one = await insertNotification(h.db, a.id, { title: 'One', createdAt: at(1) });
    await insertNotification(h.db, a.id, { title: 'Two', createdAt: at(2), email: true });

    const list = await h.rest('GET', '/notifications?limit=1', { key });
    expect(list.status).toBe(200);
    const page = (await list.json()) as {
      items: { title: string; deliveries: { channel: string }[]; createdAt: string }[];
      nextCursor: string | null;
    };
    expect(page.items.map((n) => n.title)).toEqual(['Two']);
    expect(page.items[0]!.deliveries.map((d) => d.channel)).toEqual(['in_app', 'email']);
    expect(page.nextCursor).toBeTruthy();
    const rest = await h.rest(
      'GET',
      `/notifications?limit=1&cursor=${encodeURIComponent(page.nextCursor!)}`,
      { key },
    );
    expect(((await rest.json()) as { items: { title: string }[] }).items[0]!.title).toBe('One');

    const count = await h.rest('GET', '/notifications/unread-count', { key });
    expect(await count.json()).toEqual({ count: 2 });

    const marked = await h.rest('POST', `/notifications/${one.notification.id}/read`, { key });
    expect(marked.status).toBe(200);
    expect(await marked.json()).toMatchObject({ id: one.notification.id });

    const unread = await h.rest('GET', '/notifications?unreadOnly=true', { key });
    expect(
      ((await unread.json()) as { items: { title: string }[] }).items.map((n) => n.title),
    ).toEqual(['Two']);

    const all = await h.rest('POST', '/notifications/read-all', { key });
    expect(await all.json()).toEqual({ count: 1 });
  });

  it("answers 404 for another user's notification and 400 for bad input", async () => {
    const a = await h.newUser();
    const b = await h.newUser();
    const bKey = (await b.caller.apiKeys.create({ name: 'b', scopes: ['read', 'write'] })).secret;
    const mine = await insertNotification(h.db, a.id);

    const res = await h.rest('POST', `/notifications/${mine.notification.id}/read`, { key: bKey });
    expect(res.status).toBe(404);
    expect((await a.caller.notifications.list()).items[0]!.readAt).toBeNull();

    for (const path of [
      '/notifications?cursor=zzz',
      '/notifications?limit=0',
      '/notifications?limit=1000',
      '/notifications?unreadOnly=maybe',
    ]) {
      const bad = await h.rest('GET', path, { key: bKey });
      expect(bad.status, path).toBe(400);
    }
    expect((await h.rest('POST', '/notifications/not-a-uuid/read', { key: bKey })).status).toBe(
      400,
    );
    expect((await h.rest('GET', '/notifications')).status).toBe(401);
  });

  it('lets a read-only key list but not mark', async () => {
    const a = await h.newUser();
    const key = (await a.caller.apiKeys.create({ name: 'ro', scopes: ['read'] })).secret;
    const n = await insertNotification(h.db, a.id);
    expect((await h.rest('GET', '/notifications', { key })).status).toBe(200);
    expect((await h.rest('GET', '/notifications/unread-count', { key })).status).toBe(200);
    expect((await h.rest('POST', `/notifications/${n.notification.id}/read`, { key })).status).toBe(
      403,
    );
    expect((await h.rest('POST', '/notifications/read-all', { key })).status).toBe(403);
    expect(await a.caller.notifications.unreadCount()).toEqual({ count: 1 });
  });
});
