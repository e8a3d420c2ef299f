import type { StoredEvent } from '@proxy/core';
import { eventDeliveries, events, notifications } from '@proxy/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventDispatch, eventSweep } from '../jobs/definitions';
import { rowsOf } from '../jobs/sql-rows';
import { createHarness, type Harness } from '../testing';
import { dispatchEvent, SubscriberFailedError } from './dispatch';
import { emit } from './emit';
import type { EventSubscriber } from './subscriber';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A subscriber that records, in its transaction, every event it handled. */
function recorder(name: string, on: string[] = ['task.*']) {
  const seen: string[] = [];
  const subscriber: EventSubscriber = {
    name,
    on,
    async handle(_deps, _tx, event: StoredEvent) {
      seen.push(event.id);
    },
  };
  return { subscriber, seen };
}

async function emitTaskCreated(userId: string, title = 'Water the plants') {
  return h.db.transaction((tx) =>
    emit(h.deps, tx, {
      type: 'task.created',
      userId,
      data: {
        taskId: crypto.randomUUID(),
        title,
        parentId: null,
        status: 'inbox',
        priority: 'medium',
        dueAt: null,
        estimateMinutes: null,
        energy: null,
        tags: [],
      },
    }),
  );
}

async function dispatchJobsFor(eventId: string) {
  return rowsOf<{ n: number }>(
    await h.db.execute(
      sql`select count(*)::int as n from pgboss.job where name = ${eventDispatch.name} and data->>'eventId' = ${eventId}`,
    ),
  )[0]!.n;
}

describe('domain events', () => {
  it('writes the event and its dispatch job in the transaction of the change', async () => {
    const me = await h.newUser();
    const id = await emitTaskCreated(me.id);
    const [row] = await h.db.select().from(events).where(eq(events.id, id));
    expect(row).toMatchObject({ type: 'task.created', version: 1, userId: me.id });
    expect(await dispatchJobsFor(id)).toBe(1);
  });

  it('an event in a rolled-back transaction is never stored nor dispatched', async () => {
    const me = await h.newUser();
    let emitted = '';
    await expect(
      h.db.transaction(async (tx) => {
        emitted = await emit(h.deps, tx, {
          type: 'task.deleted',
          userId: me.id,
          data: { taskId: crypto.randomUUID(), title: 'Gone', parentId: null },
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(emitted).not.toBe('');
    expect(await h.db.select().from(events).where(eq(events.id, emitted))).toEqual([]);
    expect(await dispatchJobsFor(emitted)).toBe(0);
  });

  it('refuses data that does not fit its type', async () => {
    const me = await h.newUser();
    await expect(
      h.db.transaction((tx) =>
        emit(h.deps, tx, {
          type: 'task.created',
          userId: me.id,
          data: { taskId: 'not-a-uuid' } as never,
        }),
      ),
    ).rejects.toThrow();
  });

  it('one emit, two subscribers: each runs once, however often and concurrently it is dispatched', async () => {
    const me = await h.newUser();
    const a = recorder('recorder-a');
    const b = recorder('recorder-b', ['task.created']);
    const other = recorder('monitors-only', ['monitor.*']);
    const subscribers = [a.subscriber, b.subscriber, other.subscriber];
    const id = await emitTaskCreated(me.id);

    const results = await Promise.all([
      dispatchEvent(h.deps, id, subscribers),
      dispatchEvent(h.deps, id, subscribers),
      dispatchEvent(h.deps, id, subscribers),
    ]);
    await dispatchEvent(h.deps, id, subscribers);

    expect(a.seen).toEqual([id]);
    expect(b.seen).toEqual([id]);
    expect(other.seen).toEqual([]);
    const handled = results.flatMap((r) => (r.status === 'dispatched' ? r.handled : []));
    expect(handled.sort()).toEqual(['recorder-a', 'recorder-b']);
    const marks = await h.db.select().from(eventDeliveries).where(eq(eventDeliveries.eventId, id));
    expect(marks.map((m) => m.subscriber).sort()).toEqual(['recorder-a', 'recorder-b']);
    const [row] = await h.db.select().from(events).where(eq(events.id, id));
    expect(row!.dispatchedAt).not.toBeNull();
  });

  it('a failing subscriber is retried alone; the others are not run again', async () => {
    const me = await h.newUser();
    const steady = recorder('steady');
    let failures = 1;
    const flaky: EventSubscriber = {
      name: 'flaky',
      on: ['task.*'],
      async handle(deps, tx, event) {
        // Its write is rolled back with its failure.
        await tx.insert(notifications).values({
          userId: event.userId,
          kind: 'test',
          title: 'from flaky',
          body: '',
          dedupeKey: `flaky:${event.id}`,
        });
        if (failures-- > 0) throw new Error('flaky is down');
        void deps;
      },
    };
    const id = await emitTaskCreated(me.id);
    await expect(dispatchEvent(h.deps, id, [steady.subscriber, flaky])).rejects.toBeInstanceOf(
      SubscriberFailedError,
    );
    expect(
      await h.db
        .select()
        .from(notifications)
        .where(eq(notifications.dedupeKey, `flaky:${id}`)),
    ).toEqual([]);
    const [pending] = await h.db.select().from(events).where(eq(events.id, id));
    expect(pending!.dispatchedAt).toBeNull();

    const again = await dispatchEvent(h.deps, id, [steady.subscriber, flaky]);
    expect(again).toEqual({ status: 'dispatched', handled: ['flaky'], skipped: ['steady'] });
    expect(steady.seen).toEqual([id]);
    expect(
      await h.db
        .select()
        .from(notifications)
        .where(eq(notifications.dedupeKey, `flaky:${id}`)),
    ).toHaveLength(1);
  });

  it('the sweep sends undispatched events again once they are a minute old', async () => {
    const me = await h.newUser();
    const id = await emitTaskCreated(me.id);
    // Its job was lost.
    await h.db.execute(
      sql`delete from pgboss.job where name = ${eventDispatch.name} and data->>'eventId' = ${id}`,
    );
    await h.db
      .update(events)
      .set({ occurredAt: new Date(Date.now() - 5 * 60_000) })
      .where(eq(events.id, id));
    await h.deps.jobs.send(eventSweep, {});
    await h.runJobs({ only: [eventSweep] });
    expect(await dispatchJobsFor(id)).toBe(1);
    await h.runJobs({ only: [eventDispatch] });
    const [row] = await h.db.select().from(events).where(eq(events.id, id));
    expect(row!.dispatchedAt).not.toBeNull();
  });
});

describe('what features emit', () => {
  it('tasks: created, updated, completed, deleted, each with its facts', async () => {
    const me = await h.newUser();
    const task = await me.caller.tasks.create({ title: 'Call the bank', estimateMinutes: 10 });
    await me.caller.tasks.update({ id: task.id, title: 'Call the bank about the card' });
    await me.caller.tasks.update({ id: task.id, status: 'done' });
    // Saving it unchanged tells nothing.
    await me.caller.tasks.update({ id: task.id, status: 'done' });
    await me.caller.tasks.delete({ id: task.id });
    const rows = await h.db
      .select({ type: events.type, data: events.data })
      .from(events)
      .where(and(eq(events.userId, me.id), sql`${events.data}->>'taskId' = ${task.id}`))
      .orderBy(events.seq);
    expect(rows.map((r) => r.type)).toEqual([
      'task.created',
      'task.updated',
      'task.updated',
      'task.completed',
      'task.deleted',
    ]);
    expect(rows[1]!.data).toMatchObject({ changed: ['title'] });
    expect(rows[3]!.data).toMatchObject({
      title: 'Call the bank about the card',
      estimateMinutes: 10,
      completedBy: 'person',
    });
  });

  it('the activity history lists them newest first, filtered by type, over tRPC and REST', async () => {
    const me = await h.newUser();
    const one = await me.caller.tasks.create({ title: 'One' });
    await me.caller.tasks.create({ title: 'Two' });
    await me.caller.tasks.update({ id: one.id, status: 'done' });
    const all = await me.caller.activity.list({ limit: 2 });
    expect(all.items.map((i) => i.type)).toEqual(['task.completed', 'task.updated']);
    const rest = await me.caller.activity.list({ limit: 10, cursor: all.nextCursor! });
    expect(rest.items.map((i) => i.type)).toEqual(['task.created', 'task.created']);
    const created = await me.caller.activity.list({ type: 'task.created' });
    expect(created.items.map((i) => i.data.title)).toEqual(['Two', 'One']);

    const key = await me.caller.apiKeys.create({ name: 'activity', scopes: ['read'] });
    const res = await h.rest('GET', '/activity?type=task.*&limit=5', { key: key.secret });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { type: string }[] };
    expect(body.items).toHaveLength(4);
    const bad = await h.rest('GET', '/activity?type=bogus.thing', { key: key.secret });
    expect(bad.status).toBe(400);
    // Nobody else's.
    const stranger = await h.newUser();
    expect((await stranger.caller.activity.list({})).items).toEqual([]);
  });
});
