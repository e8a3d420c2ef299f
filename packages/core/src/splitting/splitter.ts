import type { Energy } from '../tasks/schema';
import { analyseComplexity, type ComplexityInput, defaultEstimateMinutes } from './complexity';
import { choosePattern, type Pattern, type Phase } from './patterns';
import { tidyPhrasing } from './phrasing';
import {
  SPICINESS_MAX,
  SPICINESS_MIN,
  SPLIT_STEPS_MAX,
  STEP_MINUTES_MAX,
  STEP_MINUTES_MIN,
  STEP_TITLE_MAX,
} from './schema';
import { capitalise, cleanTitle, type ParsedTitle, parseTaskTitle, truncateWords } from './text';

export interface SplitStep {
  title: string;
  estimateMinutes: number;
  energy: Energy;
}

/** The longest step at each spiciness: higher spiciness, smaller steps. */
export const STEP_CAP_BY_SPICINESS = [15, 15, 12, 8, 5] as const;

const OBJECT_MAX = 60;
const TOTAL_MIN = 4;
const TOTAL_MAX = 600;

const clampInt = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(n)));

export function normaliseSpiciness(spiciness: number): number {
  if (!Number.isFinite(spiciness)) return 3;
  return clampInt(spiciness, SPICINESS_MIN, SPICINESS_MAX);
}

interface Fill {
  verb: string;
  object: string;
}

function fillTemplate(template: string, fill: Fill, extra: Record<string, string> = {}): string {
  const text = template
    .replace(/\{Verb\}/g, capitalise(fill.verb))
    .replace(/\{verb\}/g, fill.verb)
    .replace(/\{object\}/g, fill.object)
    .replace(/\{(item|k|n)\}/g, (_, key: string) => extra[key] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return truncateWords(capitalise(tidyPhrasing(text)), STEP_TITLE_MAX);
}

/** Checklist lines in the notes ("- book venue"), which are the person's own steps. */
function checklistLines(notes: string | null | undefined): string[] {
  if (!notes) return [];
  return notes
    .split('\n')
    .map((line) => /^\s*(?:[-*•]|\d+[.)]|\[[ xX]?\])\s+(.+)$/.exec(line)?.[1]?.trim() ?? '')
    .filter((line) => line.length > 0)
    .slice(0, 12);
}

/** What stands in for the main work when the task lists its parts. */
function coreUnits(parsed: ParsedTitle, pattern: Pattern, fill: Fill, notes?: string | null) {
  if (parsed.actions.length >= 2) {
    return parsed.actions.map((a) => truncateWords(capitalise(cleanTitle(a)), STEP_TITLE_MAX));
  }
  if (parsed.items.length >= 2) {
    return parsed.items.map((item) =>
      fillTemplate(pattern.itemTitle, fill, { item: truncateWords(item, OBJECT_MAX) }),
    );
  }
  const checklist = checklistLines(notes);
  if (checklist.length >= 2) {
    return checklist.map((line) => truncateWords(capitalise(cleanTitle(line)), STEP_TITLE_MAX));
  }
  return [];
}

interface Draft {
  title: string;
  minutes: number;
  energy: Energy;
  core: boolean;
}

/**
 * Splits a task into steps of 2..15 minutes without a model: the title's verb and object pick a
 * pattern (an email, a room to tidy, a report to write, ...), listed items and checklist lines
 * become their own steps, and spiciness 1..5 decides how many and how small. Deterministic.
 */
export function splitTaskOffline(
  task: ComplexityInput,
  options: { spiciness: number },
): SplitStep[] {
  const spice = normaliseSpiciness(options.spiciness);
  const cap = STEP_CAP_BY_SPICINESS[spice - 1]!;
  const parsed = parseTaskTitle(task.title);
  const pattern = choosePattern(parsed);
  const estimate = task.estimateMinutes ?? defaultEstimateMinutes(analyseComplexity(task).score);
  const total = clampInt(Number.isFinite(estimate) ? estimate : 30, TOTAL_MIN, TOTAL_MAX);
  const fill: Fill = {
    verb: parsed.verb ?? pattern.defaultVerb,
    object: truncateWords(parsed.object || pattern.defaultObject, OBJECT_MAX),
  };
  const units = coreUnits(parsed, pattern, fill, task.notes);

  // Time is shared out over every phase of the pattern, so a phase lasts as long whatever the
  // spiciness: a higher spiciness only ever adds steps or cuts them finer.
  const weightSum = pattern.phases.reduce((sum, p) => sum + p.weight, 0);
  const expand = (stepCap: number, coreParts?: number) => {
    const drafts: Draft[] = [];
    for (const phase of pattern.phases) {
      if ((phase.minSpice ?? 1) > spice) continue;
      const minutes = (total * phase.weight) / weightSum;
      drafts.push(...expandPhase(phase, minutes, { spice, cap: stepCap, fill, units, coreParts }));
    }
    return drafts;
  };
  let drafts = expand(cap);
  // With a main work phase to cut (not replaced by listed items); otherwise finalise truncates.
  if (drafts.length > SPLIT_STEPS_MAX && drafts.some((d) => d.core)) {
    // Too long a task for this many steps: longer steps until it fits, then exactly the maximum
    // by cutting the main work finer, so more spiciness never means fewer steps.
    let stepCap = cap;
    while (drafts.length > SPLIT_STEPS_MAX && stepCap < STEP_MINUTES_MAX) {
      stepCap++;
      drafts = expand(stepCap);
    }
    let coreParts = drafts.filter((d) => d.core).length;
    while (coreParts > 0 && drafts.length < SPLIT_STEPS_MAX) {
      coreParts++;
      drafts = expand(stepCap, coreParts);
    }
  }
  return finalise(drafts);
}

interface Expansion {
  spice: number;
  cap: number;
  fill: Fill;
  units: string[];
  /** Forces the number of parts of the main work. */
  coreParts: number | undefined;
}

function expandPhase(phase: Phase, minutes: number, opts: Expansion): Draft[] {
  const { spice, cap, fill, units } = opts;
  const core = phase.core === true;
  if (core && units.length > 0) {
    const each = minutes / units.length;
    return units.map((title) => ({ title, minutes: each, energy: phase.energy, core: false }));
  }
  const detail = spice >= 4 ? (phase.detail ?? []) : [];
  const parts = (core ? opts.coreParts : undefined) ?? Math.max(1, Math.ceil(minutes / cap));
  if (detail.length > 0 && detail.length >= parts && opts.coreParts === undefined) {
    const each = minutes / detail.length;
    return detail.map((t) => ({
      title: fillTemplate(t, fill),
      minutes: each,
      energy: phase.energy,
      core,
    }));
  }
  if (parts === 1) {
    return [{ title: fillTemplate(phase.title, fill), minutes, energy: phase.energy, core }];
  }
  const template = phase.partTitle ?? `${phase.title} (part {k} of {n})`;
  return Array.from({ length: parts }, (_, i) => ({
    title: fillTemplate(template, fill, { k: String(i + 1), n: String(parts) }),
    minutes: minutes / parts,
    energy: phase.energy,
    core,
  }));
}

/** Rounds and bounds the minutes, and keeps at most SPLIT_STEPS_MAX steps (the last kept). */
function finalise(drafts: Draft[]): SplitStep[] {
  const steps =
    drafts.length > SPLIT_STEPS_MAX
      ? [...drafts.slice(0, SPLIT_STEPS_MAX - 1), drafts.at(-1)!]
      : drafts;
  return steps.map((d) => ({
    title: d.title,
    estimateMinutes: clampInt(d.minutes, STEP_MINUTES_MIN, STEP_MINUTES_MAX),
    energy: d.energy,
  }));
}
