import { statsAt } from '../creature/progression';
import type { XpBoost } from './amounts';
import { composeMultipliers, formatMultiplier, XP_MULTIPLIER_NONE } from './award';

/** A time-boxed multiplier ("double XP this weekend"), created by an admin. */
export interface XpBonusEvent {
  id: string;
  name: string;
  /** Whole percentage, e.g. 200 for ×2. */
  multiplier: number;
  startsAt: Date;
  /** Exclusive. */
  endsAt: Date;
}

export function bonusEventActive(event: XpBonusEvent, now: Date): boolean {
  const t = now.getTime();
  return event.startsAt.getTime() <= t && t < event.endsAt.getTime();
}

/**
 * The multiplier for an award made at `now`: the creature's XP boost (from its level) times the
 * largest bonus event running then. Overlapping bonus events do not stack (two double-XP events
 * are still ×2), so an admin cannot multiply XP by accident.
 */
export function xpBoostFor(input: {
  level: number;
  bonusEvents?: readonly XpBonusEvent[];
  now: Date;
}): XpBoost & { bonusEventId: string | null } {
  const boostPercent = statsAt(input.level).xpBoostPercent;
  let best: XpBonusEvent | null = null;
  for (const e of input.bonusEvents ?? []) {
    if (e.multiplier > XP_MULTIPLIER_NONE && bonusEventActive(e, input.now)) {
      if (!best || e.multiplier > best.multiplier) best = e;
    }
  }
  const parts: number[] = [XP_MULTIPLIER_NONE + boostPercent];
  const words: string[] = [];
  if (boostPercent > 0) words.push(`creature's XP boost +${boostPercent}%`);
  if (best) {
    parts.push(best.multiplier);
    words.push(`${best.name} ${formatMultiplier(best.multiplier)}`);
  }
  const multiplier = composeMultipliers(...parts);
  return {
    multiplier,
    note:
      multiplier === XP_MULTIPLIER_NONE
        ? ''
        : `${formatMultiplier(multiplier)}: ${words.join(', ')}`,
    bonusEventId: best?.id ?? null,
  };
}
