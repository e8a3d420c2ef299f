import { IDENTITY_SOURCES, XP_SOURCES } from '@proxy/core';
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { events } from './events';
import { users } from './users';

export const xpSource = pgEnum('xp_source', XP_SOURCES);
export const creatureIdentitySource = pgEnum('creature_identity_source', IDENTITY_SOURCES);

const ms = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * The XP ledger: every award is a row, and a person's XP is the sum of their rows. One award per
 * (person, source, source id), so an event delivered twice, or two dispatches racing, pays once:
 * the second insert meets the unique constraint and does nothing.
 */
export const xpAwards = pgTable(
  'xp_awards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: xpSource('source').notNull(),
    /** The thing that earned it: a task id, a focus session id, a challenge id. */
    sourceId: text('source_id').notNull(),
    base: integer('base').notNull(),
    /** Whole percentage: 100 is ×1. */
    multiplier: integer('multiplier').notNull(),
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
    /** The domain event that paid it, kept for "why did I get this?" and audits. */
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    createdAt: ms('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('xp_awards_once_per_source').on(t.userId, t.source, t.sourceId),
    index('xp_awards_user_created_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    check('xp_awards_amounts', sql`${t.base} >= 0 and ${t.amount} >= ${t.base}`),
    check('xp_awards_multiplier', sql`${t.multiplier} between 100 and 1000`),
  ],
);

/**
 * A person's creature, one per person, and their running XP total (kept beside the ledger so a
 * read is one row; `xp.verify` recomputes it from the ledger). The row exists from the first XP or
 * the first visit, before an egg is chosen: `eggSeed` fixes the three eggs offered, and `seed` is
 * null until one is chosen. Needs are not stored: they are computed from the care timestamps.
 */
export const creatures = pgTable(
  'creatures',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    eggSeed: text('egg_seed').notNull(),
    seed: text('seed'),
    name: text('name'),
    biography: text('biography'),
    identitySource: creatureIdentitySource('identity_source'),
    totalXp: integer('total_xp').notNull().default(0),
    food: smallint('food').notNull().default(0),
    fullness: smallint('fullness').notNull().default(80),
    fullnessAt: ms('fullness_at').notNull().defaultNow(),
    happiness: smallint('happiness').notNull().default(80),
    happinessAt: ms('happiness_at').notNull().defaultNow(),
    lastActiveAt: ms('last_active_at').notNull().defaultNow(),
    playTokens: smallint('play_tokens').notNull().default(3),
    playTokensAt: ms('play_tokens_at').notNull().defaultNow(),
    hatchedAt: ms('hatched_at'),
    createdAt: ms('created_at').notNull().defaultNow(),
    updatedAt: ms('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('creatures_total_xp', sql`${t.totalXp} >= 0`),
    check('creatures_food', sql`${t.food} between 0 and 99`),
    check(
      'creatures_chosen_whole',
      sql`(${t.seed} is null) = (${t.name} is null) and (${t.seed} is null) = (${t.hatchedAt} is null)`,
    ),
  ],
);
