import { eventDeliveries, events, xpAwards } from '@proxy/db/schema';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchEvent } from '../events/dispatch';
import { allSubscribers } from '../events/subscribers';
import { createHarness, type Harness } from '../testing';

/**
 * Whatever people do, in whatever order, and however often the events are delivered: the XP
 * total on the creature equals the sum of the ledger's rows, and each source paid at most once.
 */
let h: Harness;
let clock = new Date('2026-06-01T10:00:00Z');

beforeAll(async () => {
  h = await createHarness({ now: () => clock });
});
afterAll(() => h.close());

const action = fc.oneof(
  fc.record({
    kind: fc.constant('finish' as const),
    estimate: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
    complexity: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('redo' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('triage' as const),
    count: fc.integer({ min: 1, max: 6 }),
    mode: fc.constantFrom('DELEGATE' as const, 'DELETE' as const, 'DO' as const),
  }),
  fc.record({ kind: fc.constant('focus' as const), minutes: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('redeliver' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('time' as const), hours: fc.integer({ min: 1, max: 30 }) }),
);

describe('the XP ledger, whatever happens', () => {
  it('keeps the total equal to the sum of the rows, one row per source', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 10 }), async (actions) => {
        const me = await h.newUser();
        const done: string[] = [];
        for (const a of actions) {
          if (a.kind === 'finish') {
            const t = await me.caller.tasks.create({
              title: 'Something',
              estimateMinutes: a.estimate,
              complexity: a.complexity,
            });
            await me.caller.tasks.update({ id: t.id, status: 'done' });
            done.push(t.id);
          } else if (a.kind === 'redo' && done.length > 0) {
            const id = done[a.pick % done.length]!;
            await me.caller.tasks.update({ id, status: 'todo' });
            await me.caller.tasks.update({ id, status: 'done' });
          } else if (a.kind === 'triage') {
            const ids: string[] = [];
            for (let i = 0; i < a.count; i++) {
              ids.push((await me.caller.tasks.create({ title: `Decide ${i}` })).id);
            }
            await me.caller.delegation.triage({ task_ids: ids, delegation_mode: a.mode });
          } else if (a.kind === 'focus') {
            const s = await me.caller.focus.start({ settings: { kind: 'flowtime' } });
            clock = new Date(clock.getTime() + a.minutes * 60_000);
            await me.caller.focus.move({ id: s.id, move: { type: 'stop' } });
          } else if (a.kind === 'redeliver') {
            await h.runJobs();
            const mine = await h.db.select().from(events).where(eq(events.userId, me.id));
            const e = mine[a.pick % Math.max(1, mine.length)];
            if (e) {
              await h.db
                .delete(eventDeliveries)
                .where(
                  and(eq(eventDeliveries.eventId, e.id), eq(eventDeliveries.subscriber, 'xp')),
                );
              await Promise.all([
                dispatchEvent(h.deps, e.id, allSubscribers),
                dispatchEvent(h.deps, e.id, allSubscribers),
              ]);
            }
          } else if (a.kind === 'time') {
            clock = new Date(clock.getTime() + a.hours * 3_600_000);
          }
        }
        await h.runJobs();
        const rows = await h.db.select().from(xpAwards).where(eq(xpAwards.userId, me.id));
        const check = await me.caller.xp.verify();
        expect(check.ok).toBe(true);
        expect(check.stored).toBe(rows.reduce((s, r) => s + r.amount, 0));
        const keys = rows.map((r) => `${r.source}:${r.sourceId}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(rows.filter((r) => r.source === 'task')).toHaveLength(new Set(done).size);
      }),
      { numRuns: 10 },
    );
  }, 120_000);
});
