/**
 * Small, deterministic text handling for task titles: enough grammar to find the verb, its
 * object and a list of items ("email Sam, Jo and Priya"), without a model.
 */

import { PARTICLES, PREPOSITIONS } from './phrasing';

const TRAILING_FILLER = new RegExp(
  `^(?:${[...PREPOSITIONS, 'a', 'an', 'the', 'and', 'or', 'my', 'your', 'our'].join('|')})$`,
  'i',
);

export interface ParsedTitle {
  /** The cleaned title as typed (whitespace collapsed, bullets and trailing punctuation gone). */
  text: string;
  /** The leading verb phrase, lower-case ("call", "set up"), or null if none was recognised. */
  verb: string | null;
  /** What the verb acts on, with its own casing ("the tax return"); the whole title if no verb. */
  object: string;
  /** Items listed in the object ("milk, eggs and bread"), when there are at least two. */
  items: string[];
  /** Separate actions in one title ("call the bank and cancel the card"), when at least two. */
  actions: string[];
}

/** Verbs people start tasks with; two-word ones first so "set up" wins over "set". */
const PHRASAL_VERBS = [
  'set up',
  'sort out',
  'figure out',
  'clean up',
  'clear out',
  'tidy up',
  'look into',
  'follow up',
  'follow up on',
  'pick up',
  'fill out',
  'fill in',
  'sign up',
  'sign up for',
  'catch up on',
  'write up',
  'back up',
  'reach out to',
  'get back to',
  'deal with',
  'work on',
  'think about',
  'go to',
  'take out',
  'put away',
  'check in with',
];

const VERBS = new Set([
  'add',
  'answer',
  'apply',
  'arrange',
  'ask',
  'bake',
  'book',
  'build',
  'buy',
  'call',
  'cancel',
  'change',
  'check',
  'choose',
  'clean',
  'clear',
  'code',
  'collect',
  'compare',
  'complete',
  'compose',
  'configure',
  'contact',
  'cook',
  'create',
  'debug',
  'decide',
  'declutter',
  'deploy',
  'design',
  'develop',
  'do',
  'draft',
  'draw',
  'dust',
  'edit',
  'email',
  'evaluate',
  'exercise',
  'explore',
  'file',
  'finish',
  'fix',
  'find',
  'fold',
  'get',
  'hang',
  'host',
  'implement',
  'install',
  'investigate',
  'iron',
  'learn',
  'make',
  'meditate',
  'memorize',
  'memorise',
  'message',
  'migrate',
  'move',
  'mow',
  'order',
  'organise',
  'organize',
  'pack',
  'paint',
  'pay',
  'phone',
  'pick',
  'plan',
  'practice',
  'practise',
  'prep',
  'prepare',
  'present',
  'print',
  'process',
  'purchase',
  'read',
  'refactor',
  'register',
  'renew',
  'repair',
  'reply',
  'reschedule',
  'research',
  'resolve',
  'respond',
  'return',
  'review',
  'revise',
  'ring',
  'run',
  'schedule',
  'send',
  'shop',
  'sign',
  'sort',
  'start',
  'stretch',
  'study',
  'submit',
  'text',
  'tidy',
  'train',
  'troubleshoot',
  'unpack',
  'update',
  'vacuum',
  'visit',
  'walk',
  'wash',
  'water',
  'write',
]);

/** Lead-ins that say "this is a task" but are not the verb: "I need to call mum". */
const LEAD_INS = [
  /^(?:i\s+)?(?:really\s+)?(?:need|have|ought|want|got)\s+to\s+/i,
  /^(?:i\s+)?(?:should|must|gotta|could)\s+/i,
  /^(?:todo|to-do|to do|task)\s*[:-]\s*/i,
  /^remember\s+to\s+/i,
  /^to\s+/i,
];

/** Time phrases that say when, not what; dropped from the object. */
const TIME_TAIL =
  /(?:\s+(?:today|tonight|tomorrow|asap|soon|somehow|eventually|(?:(?:by|for|before)\s+)?(?:this|next)\s+(?:morning|afternoon|evening|week|weekend|month)|(?:by|on|for|before)\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tonight)|(?:by|before)\s+(?:eod|end of (?:day|week|month))))+$/i;

/** "about the offsite" at the end of a list applies to every item. */
const SHARED_TAIL = /\s+((?:about|regarding|re:?|for|on|from|with|before|after)\s+.+)$/i;

export function cleanTitle(raw: string): string {
  return (
    raw
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u001F\u007F]+/g, ' ')
      // Bullets, checkboxes and emoji people paste in front of a task.
      .replace(
        /^(?:\s*(?:[-*•·>#]+|\[[ xX]?\]|(?:\p{Extended_Pictographic}|\uFE0F)+|\d+[.)])\s*)+/u,
        '',
      )
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[.!;:,\s]+$/u, '')
  );
}

function stripLeadIns(text: string): string {
  let current = text;
  for (let i = 0; i < 3; i++) {
    const before = current;
    for (const lead of LEAD_INS) current = current.replace(lead, '');
    if (current === before) break;
  }
  return current;
}

const LIST_SEPARATOR =
  /\s*[,;]\s*(?:and\s+(?:then\s+)?|then\s+|&\s+)?|\s+(?:and\s+then|then|and|&|\+)\s+/i;

function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** The verb phrase a clause starts with, if it starts with one. */
export function leadingVerb(clause: string): string | null {
  const lower = clause.toLowerCase();
  let verb: string | null = null;
  for (const phrase of PHRASAL_VERBS) {
    if (lower === phrase || lower.startsWith(`${phrase} `)) {
      if (!verb || phrase.length > verb.length) verb = phrase;
    }
  }
  if (verb) return verb;
  const first = lower.split(' ')[0] ?? '';
  return VERBS.has(first) ? first : null;
}

/** Splits "milk, eggs and bread" into its items; only short, list-like objects qualify. */
export function listItems(object: string): string[] {
  if (!/,|;|\band\b|&|\+|\bthen\b/i.test(object)) return [];
  const parts = splitList(object);
  if (parts.length < 2 || parts.length > 10) return [];
  const last = parts.at(-1)!;
  const tail = SHARED_TAIL.exec(last);
  if (tail) parts[parts.length - 1] = last.slice(0, tail.index);
  if (parts.some((p) => p.length === 0 || p.split(' ').length > 5)) return [];
  // "the bank and cancel the card" is two actions, not two items.
  if (parts.slice(1).some((p) => leadingVerb(p) !== null)) return [];
  return tail ? parts.map((p) => `${p} ${tail[1]}`) : parts;
}

/** Splits "call the bank and cancel the card" into its actions, when each starts with a verb. */
export function listActions(body: string): string[] {
  const parts = splitList(body);
  if (parts.length < 2 || parts.length > 10) return [];
  // Each part needs a verb and something for it to act on ("figure out and plan X" is one).
  if (parts.some((p) => (leadingVerb(p)?.length ?? p.length) >= p.length)) return [];
  return parts;
}

export function parseTaskTitle(raw: string): ParsedTitle {
  const text = cleanTitle(raw);
  const body = stripLeadIns(text);
  let verb = leadingVerb(body);
  let object = verb ? body.slice(verb.length).trim() : body;
  // "clean out the garage": the particle belongs to the verb, or steps say "in out the garage".
  const particle = /^(\p{L}+)\s+(?=\S)/u.exec(object);
  if (verb && !verb.includes(' ') && particle && PARTICLES.has(particle[1]!.toLowerCase())) {
    verb = `${verb} ${particle[1]!.toLowerCase()}`;
    object = object.slice(particle[0].length).trim();
  }
  // "clean and tidy the kitchen": the second verb belongs to the first.
  const joined = /^(?:and|&|or|\/)\s+/i.exec(object);
  if (verb && joined) {
    const rest = object.slice(joined[0].length);
    const second = leadingVerb(rest);
    object = second ? rest.slice(second.length).trim() : rest;
  }
  object = object.replace(TIME_TAIL, '').trim();
  if (!verb) {
    // The whole title is the object; its capital was only the start of a sentence ("Taxes"),
    // unless the first word is an acronym ("BTC report").
    object = (object || text).replace(/^(\p{Lu})(?=\p{Ll})/u, (c) => c.toLowerCase());
  }
  const actions = verb ? listActions(body.replace(TIME_TAIL, '')) : [];
  const items = verb && actions.length === 0 ? listItems(object) : [];
  return { text, verb, object, items, actions };
}

/** At most `max` characters, cut at a word boundary, with an ellipsis when cut. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const kept = (space > max / 2 ? cut.slice(0, space) : cut).trimEnd().split(' ');
  // Not "Bin the rubbish in…": a cut never leaves a preposition or article hanging.
  while (kept.length > 1 && TRAILING_FILLER.test(kept.at(-1)!)) kept.pop();
  return `${kept.join(' ')}…`;
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

const STOPWORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'your',
  'you',
  'from',
  'into',
  'onto',
  'that',
  'this',
  'then',
  'them',
  'they',
  'what',
  'about',
  'part',
  'our',
  'my',
]);

/** Content words, lower-cased and lightly stemmed, for comparing two step titles. */
export function contentTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length < 3 || STOPWORDS.has(word)) continue;
    tokens.add(word.replace(/(?:ing|ed|es|s)$/u, '') || word);
  }
  return tokens;
}

/** Jaccard similarity of two sets of content words, 0..1. */
export function tokenSimilarity(ta: ReadonlySet<string>, tb: ReadonlySet<string>): number {
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** Jaccard similarity of two titles' content words, 0..1. */
export function titleSimilarity(a: string, b: string): number {
  return tokenSimilarity(contentTokens(a), contentTokens(b));
}
