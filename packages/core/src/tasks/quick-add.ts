import { casual } from 'chrono-node/en';
import { z } from 'zod';
import { zonedToInstant, zoneOffsetMs } from '../time/zoned';
import { TAG_MAX, TAGS_MAX, type TaskPriority, taskStatusSchema } from './schema';

/**
 * Quick add that understands what a person types: `#tag`, `!high` / `!low` (or `p1`-`p4`),
 * `~15m` estimates, and dates and times in the person's timezone ("tomorrow 5pm", "next fri"),
 * read by chrono-node. What it understood leaves the title; the rest is the title, as typed.
 * Pure, so the web preview and the API read the same text the same way.
 */
export interface QuickAddOptions {
  /** The person's IANA timezone: "tomorrow" is their tomorrow. */
  timeZone: string;
  now: Date;
  /** Keep any date words in the title (the preview's "keep as text"). */
  ignoreDates?: boolean;
}

export interface QuickAddDue {
  at: Date;
  /** The words that were read as the date, as typed. */
  text: string;
  /** True when only a day was given: due by the end of that day. */
  allDay: boolean;
}

export interface QuickAddResult {
  title: string;
  tags: string[];
  priority?: TaskPriority;
  estimateMinutes?: number;
  due?: QuickAddDue;
}

const PRIORITY_WORDS: Record<string, TaskPriority> = {
  urgent: 'urgent',
  high: 'high',
  hi: 'high',
  medium: 'medium',
  med: 'medium',
  normal: 'medium',
  low: 'low',
  lo: 'low',
  p1: 'urgent',
  p2: 'high',
  p3: 'medium',
  p4: 'low',
};

/** A week, the same ceiling as the task schema's estimate. */
const ESTIMATE_MAX = 10_080;

// Tokens stand alone: start of text or after a space, end of text or before a space.
const TAG = /(^|\s)#([\p{L}\p{N}_\-:.]+)(?=\s|$)/gu;
const BANG_PRIORITY = /(^|\s)!(urgent|high|hi|medium|med|normal|low|lo)(?=\s|$)/giu;
const P_PRIORITY = /(^|\s)(p[1-4])(?=\s|$)/giu;
const ESTIMATE =
  /(^|\s)~(?:(\d+(?:\.\d+)?)\s?h(?:ours?|rs?)?(?:\s?(\d+)\s?m(?:in(?:ute)?s?)?)?|(\d+)\s?m(?:in(?:ute)?s?)?|(\d+))(?=\s|$)/giu;

/** Words that only tied the date to the title ("report by friday"): they go with the date. */
const DATE_LEADS = new Set(['on', 'by', 'at', 'due', 'before', 'until', 'til']);

export function parseQuickAdd(text: string, options: QuickAddOptions): QuickAddResult {
  let rest = ` ${text} `;
  const tags: string[] = [];
  let priority: TaskPriority | undefined;
  let estimateMinutes: number | undefined;

  rest = rest.replace(TAG, (whole, lead: string, raw: string) => {
    // A sentence's full stop or colon after a tag is punctuation, not part of it.
    const tag = raw.replace(/[.:]+$/, '').toLowerCase();
    if (!tag || tag.length > TAG_MAX || tags.length >= TAGS_MAX) return whole;
    if (!tags.includes(tag)) tags.push(tag);
    return lead;
  });

  const takePriority = (whole: string, lead: string, word: string) => {
    const found = PRIORITY_WORDS[word.toLowerCase()];
    if (!found || priority) return whole;
    priority = found;
    return lead;
  };
  rest = rest.replace(BANG_PRIORITY, takePriority).replace(P_PRIORITY, takePriority);

  rest = rest.replace(
    ESTIMATE,
    (
      whole,
      lead: string,
      hours?: string,
      hourMinutes?: string,
      minutes?: string,
      bare?: string,
    ) => {
      if (estimateMinutes !== undefined) return whole;
      const total = hours
        ? Math.round(Number(hours) * 60) + Number(hourMinutes ?? 0)
        : Number(minutes ?? bare);
      if (!Number.isFinite(total) || total < 1 || total > ESTIMATE_MAX) return whole;
      estimateMinutes = total;
      return lead;
    },
  );

  let due: QuickAddDue | undefined;
  if (!options.ignoreDates) {
    const found = findDue(rest, options);
    if (found) {
      due = found.due;
      rest = found.rest;
    }
  }

  const title = rest.replace(/\s+/g, ' ').trim();
  const result: QuickAddResult = { title, tags };
  if (priority) result.priority = priority;
  if (estimateMinutes !== undefined) result.estimateMinutes = estimateMinutes;
  if (due) result.due = due;
  return result;
}

function findDue(
  rest: string,
  { timeZone, now }: QuickAddOptions,
): { due: QuickAddDue; rest: string } | undefined {
  const offsetMinutes = Math.round(zoneOffsetMs(now, timeZone) / 60_000);
  // chrono reads wall-clock fields in the zone at this instant's offset; the instant is then
  // found by the zone's own rules, so "tomorrow 9am" over a daylight-saving change is still 9am.
  const [hit] = casual.parse(
    rest,
    { instant: now, timezone: offsetMinutes },
    { forwardDate: true },
  );
  if (!hit) return undefined;
  const start = hit.start;
  const allDay = !start.isCertain('hour');
  const year = start.get('year');
  const month = start.get('month');
  const day = start.get('day');
  if (year === null || month === null || day === null) return undefined;
  const at = allDay
    ? zonedToInstant({ year, month, day, hour: 23, minute: 59 }, timeZone)
    : zonedToInstant(
        { year, month, day, hour: start.get('hour') ?? 0, minute: start.get('minute') ?? 0 },
        timeZone,
      );

  let before = rest.slice(0, hit.index);
  const after = rest.slice(hit.index + hit.text.length);
  const lead = /(\S+)\s*$/.exec(before);
  if (lead?.[1] && DATE_LEADS.has(lead[1].toLowerCase()) && before.trim() !== lead[1]) {
    before = before.slice(0, lead.index);
  }
  return { due: { at, text: hit.text, allDay }, rest: `${before} ${after}` };
}

export const QUICK_ADD_MAX = 1_000;

/** What `POST /tasks/quick-add` takes: the text as typed, read in the person's timezone. */
export const quickAddInput = z.object({
  text: z
    .string({ error: 'Text is required' })
    .trim()
    .min(1, 'Type what the task is')
    .max(QUICK_ADD_MAX, `Quick add reads at most ${QUICK_ADD_MAX} characters`),
  ignoreDates: z.boolean().optional(),
  /** Where it lands; the inbox unless said. */
  status: taskStatusSchema.optional(),
});
export type QuickAddInput = z.infer<typeof quickAddInput>;
