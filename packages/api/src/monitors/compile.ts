import {
  type CompiledPlan,
  type CompileMonitorInput,
  compileMonitorInput,
  DomainError,
  describeCondition,
  type MonitorPlan,
  monitorPlanSchema,
  type PlanCondition,
  type PlanSource,
  parseCondition,
  planConditionSchema,
} from '@proxy/core';
import { z } from 'zod';
import { AiBudgetExceededError, AiRateLimitedError, AiUnavailableError } from '../ai/errors';
import type { AppDeps } from '../context';

/**
 * From a prompt ("tell me when BTC at https://api.example.com/btc.json drops below $50k") to a
 * plan: the rule parser reads the condition when it can (no model call); otherwise the AI router
 * proposes one (offline: a fuzzy condition whose question is the prompt). Sources come from the
 * input or the URLs in the prompt.
 */

type Deps = Pick<AppDeps, 'ai'>;

/** What the model proposes: the condition and, when it can tell, how to read the source. */
export const aiPlanProposalSchema = z.object({
  condition: planConditionSchema,
  jsonPath: z.string().min(1).max(500).nullable(),
  selector: z.string().min(1).max(500).nullable(),
});
export type AiPlanProposal = z.infer<typeof aiPlanProposalSchema>;

export const MONITOR_COMPILE_SYSTEM_PROMPT = [
  "You turn a person's request to watch something on the web into a monitor plan.",
  'Answer with JSON only, following the schema.',
  'condition: prefer a computable one. threshold {type:"threshold", op: below|above|at_most|at_least, value, unit: number|percent|currency, currency: "$" or null};',
  'contains / not_contains {type, text}; change {type:"change", rule: {type:"new_items"} | {type:"any"} | {type:"delta", absolute, percent}}.',
  'Only when no computable condition fits, use {type:"fuzzy", question} with a yes/no question about the page.',
  'jsonPath: for a JSON source, the JSONPath of the value to watch (e.g. "$.bitcoin.usd"), else null.',
  'selector: for a web page, a CSS selector of the element to watch, else null.',
].join('\n');

const URL_RE = /https?:\/\/[^\s<>"'`)\]]+/gi;

/** URLs written in the prompt, trailing punctuation dropped, in order, without repeats. */
export function urlsIn(text: string): string[] {
  const found = (text.match(URL_RE) ?? []).map((u) => u.replace(/[.,;:!?]+$/, ''));
  return [...new Set(found)];
}

/** The kind a URL most likely is: feeds and JSON APIs by their look, else a web page. */
export function guessSourceKind(url: string): PlanSource['kind'] {
  const u = url.toLowerCase();
  let path = u;
  try {
    const parsed = new URL(url);
    path = `${parsed.hostname}${parsed.pathname}`.toLowerCase();
  } catch {
    // keep the raw text
  }
  if (/(?:^|[/.\-_])(?:rss|atom|feeds?)(?:$|[/.\-_])|\.xml$/.test(path)) return 'feed';
  if (/\.json$|(?:^|[/.])api(?:$|[/.\-_])|\/v\d+\//.test(path)) return 'json';
  return 'html';
}

/** A JSONPath written in the prompt ("$.bitcoin.usd"), if any. */
function jsonPathIn(text: string): string | null {
  const m = /\$(?:\.[\w-]+|\[[^\]]+\])+/.exec(text);
  return m ? m[0] : null;
}

/**
 * The condition a prompt states: the whole prompt, else its longest word-suffix the rule parser
 * reads ("tell me when BTC drops below $50k" -> "drops below $50k"). URLs are not part of it.
 */
export function parsePromptCondition(
  prompt: string,
): { condition: PlanCondition; phrase: string } | null {
  let text = prompt
    .replace(URL_RE, ' ')
    .replace(/\$(?:\.[\w-]+|\[[^\]]+\])+/g, ' ')
    .replace(/[([{]\s*[)\]}]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Trailing punctuation and the dangling preposition a removed URL leaves ("... on").
  for (let before = ''; before !== text; ) {
    before = text;
    text = text
      .replace(/[\s\-—–:;,.!?()[\]{}]+$/u, '')
      .replace(/\s+(?:on|at|from|in|of|for|via|using|see)$/i, '')
      .trim();
  }
  const words = text.split(' ').filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const phrase = words.slice(i).join(' ');
    const condition = parseCondition(phrase);
    if (condition) return { condition, phrase };
  }
  return null;
}

/** The plan's condition in words (the Monitor's conditionText). */
export function conditionText(condition: PlanCondition): string {
  return condition.type === 'fuzzy'
    ? `a model judges: ${condition.question}`
    : describeCondition(condition);
}

/** The whole plan in one sentence for the user. */
export function describePlan(plan: MonitorPlan): string {
  const where = plan.sources
    .map((s) =>
      s.kind === 'json'
        ? `${s.jsonPath} of ${s.url}`
        : s.kind === 'html'
          ? `"${s.selector}" on ${s.url}`
          : `the feed ${s.url}`,
    )
    .join(', ');
  return `Watch ${where}; notify when ${conditionText(plan.condition)}.`;
}

const fieldError = (field: string, message: string) =>
  new DomainError('BAD_REQUEST', message, { fieldErrors: { [field]: [message] } });

/** Validates a plan; anything wrong is a 400 with the first problem on the `plan` field. */
export function validatePlan(raw: unknown, field = 'plan'): MonitorPlan {
  const parsed = monitorPlanSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const messages = parsed.error.issues.map(
    (i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`,
  );
  throw new DomainError('BAD_REQUEST', `The plan is not valid: ${messages[0]}`, {
    fieldErrors: { [field]: messages },
  });
}

type DraftSource = { kind: PlanSource['kind']; url: string; jsonPath?: string; selector?: string };

function finishSources(
  drafts: DraftSource[],
  hints: { jsonPath: string | null; selector: string | null },
  condition: PlanCondition,
  notes: string[],
): PlanSource[] {
  return drafts.map((d): PlanSource => {
    if (d.kind === 'feed') return { kind: 'feed', url: d.url };
    if (d.kind === 'json') {
      const jsonPath = d.jsonPath ?? hints.jsonPath;
      if (!jsonPath) {
        throw fieldError(
          'sources',
          `${d.url} looks like a JSON source: give the JSONPath of the value to watch (e.g. $.price)`,
        );
      }
      return { kind: 'json', url: d.url, jsonPath };
    }
    let selector = d.selector ?? hints.selector;
    if (!selector && condition.type === 'fuzzy') {
      // A question about a page is judged on the page's whole text.
      selector = 'body';
      notes.push(`The whole text of ${d.url} is judged (no CSS selector was given)`);
    }
    if (!selector) {
      throw fieldError(
        'sources',
        `${d.url} looks like a web page: give the CSS selector of the element to watch (e.g. .price)`,
      );
    }
    return { kind: 'html', url: d.url, selector };
  });
}

export async function compileMonitor(
  deps: Deps,
  userId: string,
  raw: CompileMonitorInput,
): Promise<CompiledPlan> {
  const input = compileMonitorInput.parse(raw);
  const notes: string[] = [];

  let drafts: DraftSource[];
  if (input.sources && input.sources.length > 0) {
    drafts = input.sources;
  } else {
    const urls = urlsIn(input.prompt).slice(0, 3);
    if (urls.length === 0) {
      throw fieldError(
        'sources',
        'Say where to look: put the URL of a page, feed or JSON API in the prompt, or add a source',
      );
    }
    drafts = urls.map((url) => ({ kind: guessSourceKind(url), url }));
    for (const d of drafts)
      notes.push(
        `${d.url} was taken as a ${d.kind === 'html' ? 'web page' : d.kind === 'json' ? 'JSON source' : 'feed'} from its address`,
      );
  }
  const promptPath = jsonPathIn(input.prompt);

  const parsed = parsePromptCondition(input.prompt);
  let condition: PlanCondition;
  let origin: CompiledPlan['origin'];
  let hints = { jsonPath: promptPath, selector: null as string | null };
  if (parsed) {
    condition = parsed.condition;
    origin = 'parser';
    notes.push(`The condition was read from "${parsed.phrase}" by the rule parser`);
  } else {
    const fallback: AiPlanProposal = {
      condition: { type: 'fuzzy', question: input.prompt.slice(0, 1000) },
      jsonPath: null,
      selector: null,
    };
    let proposal = fallback;
    let offline = true;
    if (deps.ai) {
      try {
        const result = await deps.ai.generate({
          userId,
          purpose: 'monitor',
          schema: aiPlanProposalSchema,
          schemaName: 'monitor_plan',
          system: MONITOR_COMPILE_SYSTEM_PROMPT,
          prompt: [`Request: ${input.prompt}`, `Sources: ${JSON.stringify(drafts)}`].join('\n'),
          offline: () => fallback,
        });
        proposal = result.data;
        offline = result.kind === 'offline';
        if (!offline)
          notes.push(`The condition was proposed by ${result.provider} (${result.model})`);
      } catch (error) {
        const recoverable =
          error instanceof AiBudgetExceededError ||
          error instanceof AiRateLimitedError ||
          error instanceof AiUnavailableError;
        if (!recoverable) throw error;
        notes.push(`${(error as DomainError).message}`);
      }
    }
    if (offline) {
      notes.push(
        'No AI model read the prompt: the condition is a question judged on each run (offline by key words)',
      );
    }
    condition = proposal.condition;
    origin = 'ai';
    hints = {
      jsonPath: promptPath ?? proposal.jsonPath,
      selector: proposal.selector,
    };
  }

  const plan = validatePlan(
    { sources: finishSources(drafts, hints, condition, notes), condition },
    'sources',
  );
  return { plan, origin, description: describePlan(plan), notes };
}
