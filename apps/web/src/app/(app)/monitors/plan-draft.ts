import {
  type MonitorPlan,
  monitorPlanSchema,
  type PlanSource,
  type SourceKind,
  THRESHOLD_OPS,
  type ThresholdOp,
} from '@proxy/core';
import type { FieldErrors } from '@/lib/form-errors';

/**
 * The monitor form keeps everything as text while the person types; these helpers turn a
 * compiled plan into that form state and back, checking it with the same schema as the API.
 */

export interface SourceDraft {
  kind: SourceKind;
  url: string;
  jsonPath: string;
  selector: string;
}

export const CONDITION_TYPES = [
  'threshold',
  'contains',
  'not_contains',
  'change',
  'fuzzy',
] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

export const CONDITION_TYPE_LABELS: Record<ConditionType, string> = {
  threshold: 'A number crosses a line',
  contains: 'The text contains…',
  not_contains: 'The text no longer contains…',
  change: 'Something changes',
  fuzzy: 'A question the AI answers',
};

export const OP_LABELS: Record<ThresholdOp, string> = {
  below: 'below',
  above: 'above',
  at_most: 'at most',
  at_least: 'at least',
};
export { THRESHOLD_OPS };

export type ChangeRuleType = 'delta' | 'new_items' | 'any';

export interface PlanDraft {
  conditionType: ConditionType;
  op: ThresholdOp;
  value: string;
  unit: 'number' | 'percent' | 'currency';
  currency: string;
  text: string;
  changeRule: ChangeRuleType;
  deltaAbsolute: string;
  deltaPercent: string;
  question: string;
  debounce: string;
  cooldownMinutes: string;
  hysteresis: string;
  errorThreshold: string;
  /** Not edited here; carried through unchanged. */
  flapping: MonitorPlan['timing']['flapping'];
  /** Sources after the first (the first one is edited in the source fields). */
  extraSources: PlanSource[];
}

export const emptySource = (): SourceDraft => ({
  kind: 'json',
  url: '',
  jsonPath: '',
  selector: '',
});

export function sourceDraftOf(source: PlanSource | undefined): SourceDraft {
  if (!source) return emptySource();
  return {
    kind: source.kind,
    url: source.url,
    jsonPath: source.kind === 'json' ? source.jsonPath : '',
    selector: source.kind === 'html' ? source.selector : '',
  };
}

/** The source as the API takes it, or null when no URL is given yet. */
export function sourceOf(draft: SourceDraft): PlanSource | null {
  const url = draft.url.trim();
  if (!url) return null;
  if (draft.kind === 'json') return { kind: 'json', url, jsonPath: draft.jsonPath.trim() };
  if (draft.kind === 'html') return { kind: 'html', url, selector: draft.selector.trim() };
  return { kind: 'feed', url };
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function planDraftOf(plan: MonitorPlan): PlanDraft {
  const c = plan.condition;
  const draft: PlanDraft = {
    conditionType: c.type,
    op: 'below',
    value: '',
    unit: 'number',
    currency: '',
    text: '',
    changeRule: 'any',
    deltaAbsolute: '',
    deltaPercent: '',
    question: '',
    debounce: text(plan.timing.debounce),
    cooldownMinutes: text(plan.timing.cooldownMinutes),
    hysteresis: text(plan.timing.hysteresis),
    errorThreshold: text(plan.timing.errorThreshold),
    flapping: plan.timing.flapping,
    extraSources: plan.sources.slice(1),
  };
  if (c.type === 'threshold') {
    Object.assign(draft, {
      op: c.op,
      value: String(c.value),
      unit: c.unit,
      currency: c.currency ?? '',
    });
  } else if (c.type === 'contains' || c.type === 'not_contains') {
    draft.text = c.text;
  } else if (c.type === 'change') {
    draft.changeRule = c.rule.type;
    if (c.rule.type === 'delta') {
      draft.deltaAbsolute = text(c.rule.absolute);
      draft.deltaPercent = text(c.rule.percent);
    }
  } else if ('question' in c) {
    draft.question = c.question;
  }
  return draft;
}

/** "" stays unset (NaN fails the schema with a message); anything else is read as a number. */
const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s.trim()));
const optionalNum = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim()));

function conditionOf(d: PlanDraft): unknown {
  switch (d.conditionType) {
    case 'threshold':
      return {
        type: 'threshold',
        op: d.op,
        value: num(d.value),
        unit: d.unit,
        currency: d.unit === 'currency' ? d.currency.trim() || '$' : null,
      };
    case 'contains':
    case 'not_contains':
      return { type: d.conditionType, text: d.text };
    case 'change':
      return {
        type: 'change',
        rule:
          d.changeRule === 'delta'
            ? {
                type: 'delta',
                absolute: optionalNum(d.deltaAbsolute),
                percent: optionalNum(d.deltaPercent),
              }
            : { type: d.changeRule },
      };
    case 'fuzzy':
      return { type: 'fuzzy', question: d.question };
  }
}

/** Form field names for schema paths, so a message lands next to the right input. */
function fieldOf(path: readonly PropertyKey[]): string {
  const [head, second, third] = path.map(String);
  if (head === 'sources') return second === '0' ? `source.${third ?? 'url'}` : 'sources';
  if (head === 'condition') {
    if (second === 'rule') return 'condition.delta';
    if (second === 'value') return 'condition.value';
    if (second === 'text') return 'condition.text';
    if (second === 'question') return 'condition.question';
    return 'condition';
  }
  if (head === 'timing') return `timing.${second ?? ''}`;
  return 'plan';
}

export type PlanResult = { ok: true; plan: MonitorPlan } | { ok: false; errors: FieldErrors };

/** The plan the form describes, or messages keyed by form field. */
export function planFromDraft(source: SourceDraft, draft: PlanDraft): PlanResult {
  const first = sourceOf(source);
  const candidate = {
    sources: first ? [first, ...draft.extraSources] : draft.extraSources,
    condition: conditionOf(draft),
    timing: {
      debounce: num(draft.debounce),
      cooldownMinutes: num(draft.cooldownMinutes),
      hysteresis: num(draft.hysteresis),
      flapping: draft.flapping,
      errorThreshold: num(draft.errorThreshold),
    },
  };
  const errors: FieldErrors = {};
  // The condition is a union, so the schema only says "invalid" for it: check its fields here.
  if (draft.conditionType === 'threshold' && !Number.isFinite(num(draft.value))) {
    errors['condition.value'] = ['Enter a number'];
  }
  if (
    (draft.conditionType === 'contains' || draft.conditionType === 'not_contains') &&
    draft.text.trim() === ''
  ) {
    errors['condition.text'] = ['Enter the text to look for'];
  }
  if (draft.conditionType === 'change' && draft.changeRule === 'delta') {
    const a = optionalNum(draft.deltaAbsolute);
    const p = optionalNum(draft.deltaPercent);
    if ((a === null && p === null) || [a, p].some((n) => n !== null && !(n > 0))) {
      errors['condition.delta'] = ['Enter an amount or a percentage above zero'];
    }
  }
  if (draft.conditionType === 'fuzzy' && draft.question.trim().length < 3) {
    errors['condition.question'] = ['Write the question in a few words'];
  }
  const parsed = monitorPlanSchema.safeParse(candidate);
  if (parsed.success && Object.keys(errors).length === 0) {
    return { ok: true, plan: parsed.data };
  }
  if (parsed.success) return { ok: false, errors };
  for (const issue of parsed.error.issues) {
    let field = fieldOf(issue.path);
    if (issue.path.length === 1 && issue.path[0] === 'sources') field = 'source.url';
    if (
      field.startsWith('condition') &&
      Object.keys(errors).some((k) => k.startsWith('condition'))
    ) {
      continue;
    }
    const message =
      issue.code === 'invalid_type' && issue.expected === 'number'
        ? 'Enter a number'
        : issue.message;
    errors[field] = [...(errors[field] ?? []), message];
  }
  return { ok: false, errors };
}

/**
 * Server messages keyed by input name ("plan.sources.0.jsonPath", "sources", "prompt") moved to
 * the form's own field names, so they show under the input they are about.
 */
export function serverFieldErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors)) {
    const k = key.replace(/^plan\./, '');
    const mapped = k.startsWith('sources.0.')
      ? `source.${k.slice('sources.0.'.length)}`
      : k.startsWith('condition.') || k.startsWith('timing.')
        ? fieldOf(k.split('.'))
        : k === 'sources' || k === 'sources.0'
          ? 'source.url'
          : k;
    out[mapped] = [...(out[mapped] ?? []), ...(messages ?? [])];
  }
  return out;
}
