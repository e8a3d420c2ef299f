import type { Complexity, ComplexityFactor, Spiciness } from './schema';
import { parseTaskTitle } from './text';

export interface ComplexityInput {
  title: string;
  notes?: string | null;
  estimateMinutes?: number | null;
  requiredCapabilities?: readonly string[] | null;
}

/** Verbs that usually hide several decisions or sittings. */
const BIG_VERBS = new Set([
  'apply',
  'build',
  'create',
  'design',
  'develop',
  'figure out',
  'implement',
  'learn',
  'migrate',
  'move',
  'organise',
  'organize',
  'plan',
  'prepare',
  'refactor',
  'research',
  'set up',
  'sort out',
  'study',
  'write',
  'write up',
  'deal with',
  'work on',
  'investigate',
]);

/** Objects that are projects whatever the verb. */
const BIG_OBJECTS =
  /\b(?:project|thesis|dissertation|taxes|tax return|wedding|renovat\w*|migration|launch|website|app|application|move|garage|book|course|portfolio|business plan|presentation)\b/i;

const VAGUE =
  /\b(?:figure out|somehow|maybe|stuff|things|etc|deal with|sort out|look into|think about|work on|whatever|something)\b|\?/i;

const DEPENDS = /\b(?:after|once|waiting (?:for|on)|depends on|blocked|before|until)\b/i;

const roundHalf = (n: number) => Math.round(n * 2) / 2;

/**
 * A 1..5 score of how much a task hides, with the factors that made it. Pure and
 * deterministic: the same task always scores the same.
 */
export function analyseComplexity(task: ComplexityInput): Complexity {
  const factors: ComplexityFactor[] = [];
  const parsed = parseTaskTitle(task.title);
  const notes = task.notes ?? '';
  const text = `${parsed.text}\n${notes}`;

  if ((parsed.verb && BIG_VERBS.has(parsed.verb)) || BIG_OBJECTS.test(parsed.text)) {
    factors.push({
      code: 'big_verb',
      label: parsed.verb
        ? `"${parsed.verb}" usually hides several steps`
        : 'Sounds like a project, not a single action',
      points: 1,
    });
  }
  if (VAGUE.test(text)) {
    factors.push({ code: 'vague', label: 'Part of it is still unclear', points: 1 });
  }
  // Several actions joined in one title ("call the bank and cancel the card").
  const actions = Math.max(1, parsed.actions.length);
  if (actions > 1) {
    factors.push({
      code: 'multiple_actions',
      label: `${actions} actions in one task`,
      points: Math.min(1.5, (actions - 1) * 0.5),
    });
  }
  if (parsed.items.length >= 3) {
    factors.push({
      code: 'many_items',
      label: `${parsed.items.length} separate items`,
      points: parsed.items.length >= 6 ? 1 : 0.5,
    });
  }
  const estimate = task.estimateMinutes ?? 0;
  if (estimate > 60) {
    factors.push({
      code: 'long_estimate',
      label: estimate > 180 ? 'Estimated at over three hours' : 'Estimated at over an hour',
      points: estimate > 180 ? 2 : 1,
    });
  }
  const checklist = notes.split('\n').filter((l) => /^\s*(?:[-*•]|\d+[.)]|\[[ xX]?\])\s+/.test(l));
  if (checklist.length >= 3) {
    factors.push({
      code: 'checklist',
      label: `${checklist.length} items listed in the notes`,
      points: checklist.length >= 8 ? 1.5 : 1,
    });
  }
  const words = notes.split(/\s+/).filter(Boolean).length;
  if (words > 80) {
    factors.push({
      code: 'long_notes',
      label: 'Long notes: a lot to hold in mind',
      points: words > 250 ? 1 : 0.5,
    });
  }
  if (DEPENDS.test(text)) {
    factors.push({ code: 'dependency', label: 'Waits on something else', points: 0.5 });
  }
  if ((task.requiredCapabilities?.length ?? 0) >= 2) {
    factors.push({ code: 'skills', label: 'Needs several different skills', points: 0.5 });
  }

  const points = factors.reduce((sum, f) => sum + f.points, 0);
  const score = Math.max(1, Math.min(5, Math.floor(1 + roundHalf(points))));
  if (factors.length === 0) {
    factors.push({ code: 'simple', label: 'A single, clear action', points: 0 });
  }
  return { score, factors, suggestedSpiciness: suggestedSpiciness(score) };
}

/** More complex tasks get more, smaller steps by default. */
export function suggestedSpiciness(score: number): Spiciness {
  return ([2, 3, 3, 4, 5] as const)[Math.max(1, Math.min(5, score)) - 1]!;
}

/** A first estimate for a task that has none, by how complex it looks. */
export function defaultEstimateMinutes(score: number): number {
  return ([10, 25, 45, 90, 150] as const)[Math.max(1, Math.min(5, score)) - 1]!;
}
