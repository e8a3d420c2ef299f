import {
  addFood,
  cheerUp,
  type EventData,
  focusAward,
  foodForFocus,
  foodForTask,
  levelForXp,
  progressionChange,
  type StoredEvent,
  taskCompletionAward,
  triageAward,
  triageBasesOnDay,
  type XpAward,
  xpBoostFor,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { creatures, users, xpAwards } from '@proxy/db/schema';
import { and, eq, gte } from 'drizzle-orm';
import { careColumns, careOf, lockCreature } from '../creature/store';
import { emit } from '../events/emit';
import type { EventSubscriber } from '../events/subscriber';

const TRIAGE_LOOKBACK_MS = 48 * 60 * 60 * 1000;

interface Earned {
  award: XpAward;
  food: number;
}

async function triageEarned(
  tx: DbOrTx,
  event: StoredEvent,
  d: EventData<'task.triaged'>,
  level: number,
): Promise<Earned | null> {
  const [user] = await tx
    .select({ timezone: users.timezone })
    .from(users)
    .where(eq(users.id, event.userId));
  const prior = await tx
    .select({ base: xpAwards.base, awardedAt: xpAwards.createdAt })
    .from(xpAwards)
    .where(
      and(
        eq(xpAwards.userId, event.userId),
        eq(xpAwards.source, 'triage_decision'),
        gte(xpAwards.createdAt, new Date(event.occurredAt.getTime() - TRIAGE_LOOKBACK_MS)),
      ),
    );
  const award = triageAward(
    { taskId: d.taskId, title: d.title, mode: d.mode },
    triageBasesOnDay(prior, event.occurredAt, user?.timezone ?? 'UTC'),
    xpBoostFor({ level, now: event.occurredAt }),
  );
  return award ? { award, food: 0 } : null;
}

/** What an event earns, by core's rules; null when it earns nothing. */
async function earnedFor(tx: DbOrTx, event: StoredEvent, level: number): Promise<Earned | null> {
  const boost = xpBoostFor({ level, now: event.occurredAt });
  switch (event.type) {
    case 'task.completed': {
      const d = event.data;
      const byAgent = d.completedBy === 'agent';
      const award = taskCompletionAward(
        {
          id: d.taskId,
          title: d.title,
          estimateMinutes: d.estimateMinutes,
          complexity: d.complexity,
          isMicroStep: d.parentId !== null,
        },
        byAgent ? { kind: 'agent', agentName: null } : { kind: 'person' },
        boost,
      );
      // Food is for the person's own finished tasks; a step is part of one, so it feeds once.
      const food = byAgent || d.parentId !== null ? 0 : foodForTask(d, level);
      return { award, food };
    }
    case 'task.triaged':
      return triageEarned(tx, event, event.data, level);
    case 'focus.ended': {
      const d = event.data;
      const award = focusAward(
        { id: d.sessionId, focusedMinutes: d.focusedMinutes, completed: d.completed },
        boost,
      );
      return award ? { award, food: foodForFocus(d) } : null;
    }
    default:
      return null;
  }
}

/**
 * XP listens to what people finish: it writes one ledger row per (person, source, source id),
 * adds it to the running total on the creature row (locked, so concurrent awards add up), gives
 * food, cheers the creature, and tells the seam when a level or a stage was crossed. A second
 * delivery of the same event, or a second event about the same task, meets the unique constraint
 * and pays nothing.
 */
export const xpSubscriber: EventSubscriber = {
  name: 'xp',
  on: ['task.completed', 'task.triaged', 'focus.ended'],
  async handle(deps, tx, event) {
    const now = deps.now();
    const creature = await lockCreature(tx, event.userId, now);
    const level = levelForXp(creature.totalXp);
    const earned = await earnedFor(tx, event, level);
    if (!earned) return;
    const { award } = earned;
    const [row] = await tx
      .insert(xpAwards)
      .values({
        userId: event.userId,
        source: award.source,
        sourceId: award.sourceId,
        base: award.base,
        multiplier: award.multiplier,
        amount: award.amount,
        reason: award.reason,
        eventId: event.id,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: xpAwards.id });
    if (!row) return;

    const fromTotalXp = creature.totalXp;
    const toTotalXp = fromTotalXp + award.amount;
    const hatched = creature.seed !== null;
    const care = hatched && award.amount > 0 ? cheerUp(careOf(creature), now) : careOf(creature);
    await tx
      .update(creatures)
      .set({
        totalXp: toTotalXp,
        food: addFood(creature.food, earned.food).food,
        ...careColumns(care),
        updatedAt: now,
      })
      .where(eq(creatures.userId, event.userId));

    const change = progressionChange(fromTotalXp, toTotalXp);
    await emit(deps, tx, {
      type: 'xp.awarded',
      userId: event.userId,
      data: {
        awardId: row.id,
        source: award.source,
        sourceId: award.sourceId,
        amount: award.amount,
        reason: award.reason,
        totalXp: toTotalXp,
        level: change.toLevel,
      },
    });
    const progression = {
      fromTotalXp,
      toTotalXp,
      fromLevel: change.fromLevel,
      toLevel: change.toLevel,
      creatureName: creature.name,
    };
    // An egg nobody chose yet does not "evolve"; it is simply drawn at its stage when chosen.
    if (change.evolved && hatched) {
      await emit(deps, tx, {
        type: 'creature.evolved',
        userId: event.userId,
        data: { ...progression, fromStage: change.fromStage, toStage: change.toStage },
      });
    }
    if (change.leveledUp) {
      await emit(deps, tx, {
        type: 'creature.leveled_up',
        userId: event.userId,
        data: { ...progression, unlockedAbilities: change.unlocked.map((a) => a.id) },
      });
    }
  },
};
