import {
  creaturePreviewSchema,
  creatureViewSchema,
  feedCreatureInput,
  hatchCreatureInput,
  levelInfoSchema,
  previewCreatureInput,
  renameCreatureInput,
} from '@proxy/core';
import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';
import {
  eggOffer,
  feed,
  getCreature,
  getLevel,
  hatchCreature,
  play,
  previewSeed,
  rename,
} from './service';

const tags = ['pets'];

export const eggOfferSchema = z.object({
  chosen: z.string().nullable(),
  stage: creaturePreviewSchema.shape.stage,
  eggs: z.array(creaturePreviewSchema.extend({ eggSvg: z.string() })),
});

/** The creature: one per person, grown by XP, cared for with food earned by finishing things. */
export const petsRouter = createRouter({
  get: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/pets',
        tags,
        summary: 'Your creature, as it is now; null until you choose an egg',
        description:
          'Needs (fullness, happiness, energy: 0-100, never below their floors) are computed for now from when it was last fed, played with and visited: nothing ever ticks, and a creature left alone only gets sleepy and a little sad. `svg` is the creature drawn for its stage and mood.',
      },
    })
    .input(z.object({}).optional())
    .output(creatureViewSchema.nullable())
    .query(({ ctx }) => getCreature(ctx, ctx.userId)),

  level: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/pets/level',
        tags,
        summary: 'Level, XP, the next threshold and the abilities unlocked',
      },
    })
    .input(z.object({}).optional())
    .output(levelInfoSchema)
    .query(({ ctx }) => getLevel(ctx, ctx.userId)),

  eggs: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/pets/generate',
        tags,
        summary: 'The three eggs offered to you (always the same three)',
      },
    })
    .input(z.object({}).optional())
    .output(eggOfferSchema)
    .query(({ ctx }) => eggOffer(ctx, ctx.userId)),

  hatch: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/pets/generate',
        tags,
        summary: 'Choose one of your three eggs',
        description:
          'Give `seed` from GET /pets/generate and, if you like, a name (1-24 characters). Without a name, the AI provider names it and writes its story (checked against a schema), or the seed does. 409 once a creature is chosen.',
      },
      created: { location: '/pets' },
    })
    .input(hatchCreatureInput)
    .output(creatureViewSchema)
    .mutation(({ ctx, input }) => hatchCreature(ctx, ctx.userId, input)),

  preview: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/pets/preview',
        tags,
        summary: 'Draw any seed at any stage and mood',
        description:
          'The same seed draws the same creature forever. Seeds look like `c1-` and 16 hex digits.',
      },
    })
    .input(previewCreatureInput)
    .output(creaturePreviewSchema)
    .query(({ input }) => previewSeed(input)),

  feed: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/pets/feed',
        tags,
        summary: 'Feed food you earned (1-5 portions; only what fits is eaten)',
        description:
          'Finishing a task earns food (more for hard ones) and a focus session of 10 minutes or more earns some too. 400 with no food, while still an egg, or when full (with `retryAfterSeconds`).',
      },
    })
    .input(feedCreatureInput)
    .output(creatureViewSchema)
    .mutation(({ ctx, input }) => feed(ctx, ctx.userId, input)),

  play: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/pets/play',
        tags,
        summary: 'Play once (plays come back through the hour)',
      },
    })
    .input(z.object({}).optional())
    .output(creatureViewSchema)
    .mutation(({ ctx }) => play(ctx, ctx.userId)),

  rename: protectedProcedure
    .meta({
      openapi: { method: 'PATCH', path: '/pets', tags, summary: 'Rename your creature' },
    })
    .input(renameCreatureInput)
    .output(creatureViewSchema)
    .mutation(({ ctx, input }) => rename(ctx, ctx.userId, input)),
});
