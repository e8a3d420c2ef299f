import {
  aiCreatureIdentitySchema,
  assertEggChoice,
  type CreaturePreview,
  type CreatureView,
  creatureIdentitySchema,
  DomainError,
  defaultBiography,
  defaultIdentity,
  describeCreature,
  drawGenome,
  eggChoices,
  feedCreature,
  feedCreatureInput,
  hatchCreatureInput,
  type IdentitySource,
  identityPromptFacts,
  type LevelInfo,
  levelInfo,
  newCreatureRecord,
  playWithCreature,
  previewCreature,
  previewCreatureInput,
  renameCreatureInput,
  stageForXp,
} from '@proxy/core';
import { creatures } from '@proxy/db/schema';
import { eq } from 'drizzle-orm';
import { AiBudgetExceededError, AiRateLimitedError, AiUnavailableError } from '../ai/errors';
import type { AppDeps } from '../context';
import { careColumns, ensureCreature, lockCreature, readCreature, recordOf } from './store';

type Deps = Pick<AppDeps, 'db' | 'now'> & Partial<Pick<AppDeps, 'ai'>>;

const noCreatureYet = () =>
  new DomainError(
    'NOT_FOUND',
    'You have no creature yet: choose one of your three eggs first (GET /pets/generate)',
  );

/** The person's creature for now, or null before an egg is chosen. */
export async function getCreature(deps: Deps, userId: string): Promise<CreatureView | null> {
  const row = await readCreature(deps.db, userId);
  const record = row && recordOf(row);
  return record ? describeCreature(record, deps.now()) : null;
}

/** Level, XP and what the next level brings. XP counts from the first award, egg or not. */
export async function getLevel(deps: Deps, userId: string): Promise<LevelInfo> {
  const row = await readCreature(deps.db, userId);
  return levelInfo(row?.totalXp ?? 0);
}

export interface EggOffer {
  /** The creature already chosen (then the eggs are only a keepsake), or null. */
  chosen: string | null;
  /** The stage a chosen egg would start at: it follows the XP already earned. */
  stage: CreaturePreview['stage'];
  eggs: (CreaturePreview & { eggSvg: string })[];
}

/** The three eggs offered to this person: always the same three. */
export async function eggOffer(deps: Deps, userId: string): Promise<EggOffer> {
  const row = await ensureCreature(deps.db, userId, deps.now());
  const stage = stageForXp(row.totalXp);
  return {
    chosen: row.seed,
    stage,
    eggs: eggChoices(row.eggSeed).map((seed) => ({
      ...previewCreature(seed, { stage: stage === 'egg' ? 'baby' : stage }),
      eggSvg: previewCreature(seed, { stage: 'egg' }).svg,
    })),
  };
}

/** Any seed, at any stage and mood: previews and the generator's own page. */
export function previewSeed(raw: unknown): CreaturePreview {
  const input = previewCreatureInput.parse(raw);
  return previewCreature(input.seed, { stage: input.stage, mood: input.mood });
}

const IDENTITY_SYSTEM_PROMPT =
  'You name small, kind companion creatures in a task app for people with ADHD. Reply with JSON: a short, friendly, easy-to-say name (1-24 characters, no emoji) and a warm biography of two or three sentences (at most 400 characters) that matches the facts given. Never mention illness, death, guilt or failure.';

function isRecoverable(error: unknown): boolean {
  return (
    error instanceof AiBudgetExceededError ||
    error instanceof AiRateLimitedError ||
    error instanceof AiUnavailableError
  );
}

/**
 * A name and a biography: the person's name if they gave one, else the AI provider's (checked
 * against the schema), else the seed's own. The AI is asked outside any transaction.
 */
async function identityFor(
  deps: Deps,
  userId: string,
  seed: string,
  name: string | undefined,
): Promise<{ name: string; biography: string; source: IdentitySource }> {
  const g = drawGenome(seed);
  if (name) return { name, biography: defaultBiography(g, name), source: 'seed' };
  const fallback = defaultIdentity(g);
  if (!deps.ai?.hasRemoteProvider) return { ...fallback, source: 'seed' };
  try {
    const result = await deps.ai.generate({
      userId,
      purpose: 'creature',
      schema: aiCreatureIdentitySchema,
      schemaName: 'creature_identity',
      system: IDENTITY_SYSTEM_PROMPT,
      prompt: `Facts about the creature:\n${Object.entries(identityPromptFacts(g))
        .map(([k, v]) => `- ${k}: ${v}`)
        .join('\n')}`,
      offline: () => fallback,
    });
    if (result.kind === 'offline') return { ...fallback, source: 'seed' };
    const checked = creatureIdentitySchema.safeParse(result.data);
    return checked.success ? { ...checked.data, source: 'ai' } : { ...fallback, source: 'seed' };
  } catch (error) {
    // Naming is a nicety: a busy or over-budget provider never blocks hatching.
    if (isRecoverable(error)) return { ...fallback, source: 'seed' };
    throw error;
  }
}

/** Chooses one of the three eggs. 409 when a creature was already chosen. */
export async function hatchCreature(
  deps: Deps,
  userId: string,
  raw: unknown,
): Promise<CreatureView> {
  const input = hatchCreatureInput.parse(raw);
  const before = await ensureCreature(deps.db, userId, deps.now());
  const already = () =>
    new DomainError('CONFLICT', `You already have ${before.name ?? 'a creature'}`, {
      fieldErrors: { seed: ['A creature was already chosen'] },
    });
  if (before.seed) throw already();
  const seed = assertEggChoice(before.eggSeed, input.seed);
  const identity = await identityFor(deps, userId, seed, input.name);
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    const row = await lockCreature(tx, userId, now);
    if (row.seed) throw already();
    const record = newCreatureRecord({
      seed,
      name: identity.name,
      biography: identity.biography,
      totalXp: row.totalXp,
      now,
    });
    await tx
      .update(creatures)
      .set({
        seed: record.seed,
        name: record.name,
        biography: record.biography,
        identitySource: identity.source,
        ...careColumns(record.care),
        hatchedAt: now,
        updatedAt: now,
      })
      .where(eq(creatures.userId, userId));
    return describeCreature({ ...record, food: row.food }, now);
  });
}

/** Runs a change on the locked, chosen creature and returns it as it is afterwards. */
async function changeCreature(
  deps: Deps,
  userId: string,
  change: (
    row: Awaited<ReturnType<typeof lockCreature>>,
    view: CreatureView,
    now: Date,
  ) => Partial<typeof creatures.$inferInsert>,
): Promise<CreatureView> {
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    const row = await lockCreature(tx, userId, now);
    const record = recordOf(row);
    if (!record) throw noCreatureYet();
    const set = change(row, describeCreature(record, now), now);
    const [updated] = await tx
      .update(creatures)
      .set({ ...set, updatedAt: now })
      .where(eq(creatures.userId, userId))
      .returning();
    const next = updated && recordOf(updated);
    if (!next) throw new Error('the creature changed under the lock');
    return describeCreature(next, now);
  });
}

/** Feeds food earned by finishing things; only what fits is eaten (core's `feedCreature`). */
export async function feed(deps: Deps, userId: string, raw: unknown): Promise<CreatureView> {
  const input = feedCreatureInput.parse(raw ?? {});
  return changeCreature(deps, userId, (row, view, now) => {
    const result = feedCreature(recordOf(row)!.care, {
      food: row.food,
      portions: input.portions,
      now,
      name: row.name ?? undefined,
      isEgg: view.stage === 'egg',
    });
    return { food: result.food, ...careColumns(result.care) };
  });
}

/** Plays once; plays come back through the hour. */
export async function play(deps: Deps, userId: string): Promise<CreatureView> {
  return changeCreature(deps, userId, (row, view, now) => {
    const result = playWithCreature(recordOf(row)!.care, {
      now,
      level: view.level.level,
      name: row.name ?? undefined,
    });
    return careColumns(result.care);
  });
}

/** Renames; the biography keeps its words but follows the new name when it was the seed's. */
export async function rename(deps: Deps, userId: string, raw: unknown): Promise<CreatureView> {
  const input = renameCreatureInput.parse(raw);
  return changeCreature(deps, userId, (row) => {
    const g = drawGenome(row.seed!);
    const seedBiography = row.biography === defaultBiography(g, row.name ?? g.name);
    return {
      name: input.name,
      ...(seedBiography ? { biography: defaultBiography(g, input.name) } : {}),
    };
  });
}
