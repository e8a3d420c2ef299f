import { randomBytes } from 'node:crypto';
import { type CareState, type CreatureRecord, seedFromBytes } from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { creatures } from '@proxy/db/schema';
import { eq } from 'drizzle-orm';

/**
 * The creature row: read, created on first need, locked for a change. Every change to a person's
 * XP or creature goes through `lockCreature`, so an award and a meal never overwrite each other.
 */
export type CreatureRow = typeof creatures.$inferSelect;

/** Reads the row, or null when the person has neither XP nor a visit to the eggs yet. */
export async function readCreature(db: DbOrTx, userId: string): Promise<CreatureRow | null> {
  const [row] = await db.select().from(creatures).where(eq(creatures.userId, userId));
  return row ?? null;
}

/** The row, created (with the seed its three eggs come from) when missing. */
export async function ensureCreature(db: DbOrTx, userId: string, now: Date): Promise<CreatureRow> {
  const existing = await readCreature(db, userId);
  if (existing) return existing;
  await db
    .insert(creatures)
    .values({
      userId,
      eggSeed: seedFromBytes(randomBytes(8)),
      fullnessAt: now,
      happinessAt: now,
      lastActiveAt: now,
      playTokensAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const row = await readCreature(db, userId);
  if (!row) throw new Error('the creature row was not created');
  return row;
}

/** Ensures and locks the row for the rest of the transaction. */
export async function lockCreature(tx: DbOrTx, userId: string, now: Date): Promise<CreatureRow> {
  await ensureCreature(tx, userId, now);
  const [row] = await tx.select().from(creatures).where(eq(creatures.userId, userId)).for('update');
  if (!row) throw new Error('the creature row vanished');
  return row;
}

export function careOf(row: CreatureRow): CareState {
  return {
    fullness: row.fullness,
    fullnessAt: row.fullnessAt,
    happiness: row.happiness,
    happinessAt: row.happinessAt,
    lastActiveAt: row.lastActiveAt,
    playTokens: row.playTokens,
    playTokensAt: row.playTokensAt,
  };
}

export function careColumns(care: CareState) {
  return {
    fullness: care.fullness,
    fullnessAt: care.fullnessAt,
    happiness: care.happiness,
    happinessAt: care.happinessAt,
    lastActiveAt: care.lastActiveAt,
    playTokens: care.playTokens,
    playTokensAt: care.playTokensAt,
  };
}

/** The read model's input, or null before an egg is chosen. */
export function recordOf(row: CreatureRow): CreatureRecord | null {
  if (!row.seed || !row.name || !row.hatchedAt) return null;
  return {
    seed: row.seed,
    name: row.name,
    biography: row.biography ?? '',
    totalXp: row.totalXp,
    food: row.food,
    care: careOf(row),
    hatchedAt: row.hatchedAt,
  };
}
