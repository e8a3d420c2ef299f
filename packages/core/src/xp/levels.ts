/**
 * The level curve. XP to go from level L to L+1 is
 *
 *     xpToAdvance(L) = 10 × floor((3L² + 40L + 50) / 20)
 *
 * which gives 40, 70, 90, 120, 160, 190, 230, 280, 320, 370 for levels 1..10, then grows roughly
 * quadratically (1,020 at 20, 4,770 at 50).
 *
 * Why this one: Habitica's curve (25×L to level 5, then round((L²/4 + 10L + 139.75)/10)×10) jumps
 * from 100 to 200 XP per level at level 5 and then climbs slowly. For an ADHD brain the first
 * session must pay off: here level 2 is 40 XP, two finished tasks or one focus block, so the egg
 * hatches on day one, and the first handful of levels come within a week of ordinary use. After
 * that, levels slow smoothly (no step) so they keep meaning something, and the quadratic term keeps
 * a year of steady use climbing instead of stalling. Every step is a multiple of 10, so the numbers
 * people see stay round. The curve is strictly increasing (each step is at least 20 more than the
 * one before it), which a property test checks.
 */
export const LEVEL_MIN = 1;
/** High enough that nobody reaches it (about 500 million XP); a ceiling only so tables stay finite. */
export const LEVEL_MAX = 999;

export function xpToAdvance(level: number): number {
  const l = Math.min(LEVEL_MAX, Math.max(LEVEL_MIN, Math.trunc(level)));
  return 10 * Math.floor((3 * l * l + 40 * l + 50) / 20);
}

/** XP_THRESHOLDS[L] = total XP at which level L starts (index 0 unused, level 1 starts at 0). */
const XP_THRESHOLDS: readonly number[] = (() => {
  const t = [0, 0];
  for (let l = 1; l < LEVEL_MAX; l++) t.push(t[l]! + xpToAdvance(l));
  return t;
})();

/** The total XP at which `level` begins. */
export function xpForLevel(level: number): number {
  const l = Math.min(LEVEL_MAX, Math.max(LEVEL_MIN, Math.trunc(level)));
  return XP_THRESHOLDS[l]!;
}

function cleanTotal(totalXp: number): number {
  if (!Number.isFinite(totalXp)) return totalXp > 0 ? Number.MAX_SAFE_INTEGER : 0;
  return Math.max(0, Math.floor(totalXp));
}

/** The level reached with `totalXp` (binary search over the thresholds). */
export function levelForXp(totalXp: number): number {
  const xp = cleanTotal(totalXp);
  let lo = LEVEL_MIN;
  let hi = LEVEL_MAX;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (XP_THRESHOLDS[mid]! <= xp) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface LevelProgress {
  level: number;
  totalXp: number;
  /** Total XP at which this level began. */
  levelStartXp: number;
  /** Total XP at which the next level begins; null at the top level. */
  nextLevelXp: number | null;
  /** XP earned since this level began. */
  xpIntoLevel: number;
  /** XP still needed for the next level; 0 at the top level. */
  xpToNext: number;
  /** 0..1, how far through this level (1 at the top level). */
  fraction: number;
}

export function levelProgress(totalXp: number): LevelProgress {
  const xp = cleanTotal(totalXp);
  const level = levelForXp(xp);
  const levelStartXp = XP_THRESHOLDS[level]!;
  if (level === LEVEL_MAX) {
    return {
      level,
      totalXp: xp,
      levelStartXp,
      nextLevelXp: null,
      xpIntoLevel: xp - levelStartXp,
      xpToNext: 0,
      fraction: 1,
    };
  }
  const nextLevelXp = XP_THRESHOLDS[level + 1]!;
  return {
    level,
    totalXp: xp,
    levelStartXp,
    nextLevelXp,
    xpIntoLevel: xp - levelStartXp,
    xpToNext: nextLevelXp - xp,
    fraction: (xp - levelStartXp) / (nextLevelXp - levelStartXp),
  };
}

/** XP still needed for the next level (0 at the top level). */
export function xpToNext(totalXp: number): number {
  return levelProgress(totalXp).xpToNext;
}
