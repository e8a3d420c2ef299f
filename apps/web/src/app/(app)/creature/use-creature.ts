'use client';

import type { AppRouter } from '@proxy/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/trpc/client';

export type CreatureView = NonNullable<inferRouterOutputs<AppRouter>['pets']['get']>;
export type LevelView = inferRouterOutputs<AppRouter>['pets']['level'];

/** Mutations after which XP may arrive (the worker pays it a moment later, from the event). */
const EFFORT_MUTATIONS = [
  'tasks.update',
  'tasks.quickAdd',
  'focus.move',
  'delegation.triage',
  'delegation.delegate',
];
const EAGER_MS = 20_000;
const EAGER_INTERVAL_MS = 1_500;
const CALM_INTERVAL_MS = 30_000;

/**
 * The creature and the level, shared by the shell and `/creature`. XP is paid by the worker from
 * domain events, so right after something is finished the query looks every 1.5 s for 20 s, and
 * otherwise every 30 s (5 s on `/creature`, where people watch it): the creature reacts within
 * moments without a socket.
 */
export function useCreature(options: { calmIntervalMs?: number } = {}) {
  const calm = options.calmIntervalMs ?? CALM_INTERVAL_MS;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const eagerUntil = useRef(0);
  const interval = () => (Date.now() < eagerUntil.current ? EAGER_INTERVAL_MS : calm);
  const pet = useQuery(trpc.pets.get.queryOptions(undefined, { refetchInterval: interval }));
  const level = useQuery(trpc.pets.level.queryOptions(undefined, { refetchInterval: interval }));
  const { refetch: refetchPet } = pet;
  const { refetch: refetchLevel } = level;

  useEffect(() => {
    return queryClient.getMutationCache().subscribe((event) => {
      if (event.type !== 'updated' || event.mutation.state.status !== 'success') return;
      const key = (event.mutation.options.mutationKey?.[0] ?? []) as unknown;
      const path = Array.isArray(key) ? key.join('.') : '';
      if (!EFFORT_MUTATIONS.includes(path)) return;
      eagerUntil.current = Date.now() + EAGER_MS;
      void refetchPet();
      void refetchLevel();
    });
  }, [queryClient, refetchPet, refetchLevel]);

  const settle = useCallback(
    (view: CreatureView) => {
      queryClient.setQueryData(trpc.pets.get.queryKey(), view);
      queryClient.setQueryData(trpc.pets.level.queryKey(), view.level);
    },
    [queryClient, trpc],
  );

  return { pet, level, settle };
}

export interface Reaction {
  /** A counter, so the same reaction twice restarts the animation. */
  id: number;
  kind: 'xp' | 'level' | 'evolved';
  text: string;
}

/**
 * Watches the XP total and the stage, and says what changed since the last look: "+16 XP", a new
 * level, a new stage. Nothing is said for the first value (a page load is not an achievement).
 */
export function useReactions(level: LevelView | undefined, name: string | null) {
  const seen = useRef<{ xp: number; level: number; stage: string } | null>(null);
  const [reaction, setReaction] = useState<Reaction | null>(null);
  useEffect(() => {
    if (!level) return;
    const before = seen.current;
    seen.current = { xp: level.totalXp, level: level.level, stage: level.stage };
    if (!before || level.totalXp <= before.xp) return;
    const who = name ?? 'Your creature';
    const id = Date.now();
    if (level.stage !== before.stage && name) {
      setReaction({
        id,
        kind: 'evolved',
        text: before.stage === 'egg' ? `${who} hatched!` : `${who} grew up a little!`,
      });
    } else if (level.level > before.level) {
      setReaction({ id, kind: 'level', text: `Level ${level.level}!` });
    } else {
      setReaction({ id, kind: 'xp', text: `+${level.totalXp - before.xp} XP` });
    }
  }, [level, name]);
  useEffect(() => {
    if (!reaction) return;
    const t = setTimeout(() => setReaction(null), reaction.kind === 'xp' ? 4_000 : 6_000);
    return () => clearTimeout(t);
  }, [reaction]);
  return reaction;
}

/** The SVG with its mood class swapped (a reaction makes it happy for a moment). */
export function withMood(svg: string, mood: string): string {
  return svg.replace(/creature--(idle|happy|hungry|sleepy)/, `creature--${mood}`);
}
