/**
 * The wording rules a filled-in step title passes through: a template's words meet the person's
 * ("Bin the obvious rubbish in {object}" + "out the garage"), and where they meet there must be
 * no doubled word, no two prepositions in a row that English does not use, and no preposition
 * left hanging at the end.
 */

/** Prepositions and verb particles, the words that can collide where a template meets a title. */
export const PREPOSITIONS = new Set([
  'about',
  'across',
  'after',
  'against',
  'along',
  'around',
  'at',
  'away',
  'back',
  'before',
  'behind',
  'below',
  'beneath',
  'beside',
  'between',
  'by',
  'down',
  'for',
  'from',
  'in',
  'inside',
  'into',
  'near',
  'of',
  'off',
  'on',
  'onto',
  'out',
  'outside',
  'over',
  'through',
  'to',
  'under',
  'up',
  'upon',
  'with',
  'within',
]);

/**
 * Particles that turn a verb into a phrasal verb ("clean out", "wipe down"), so the particle
 * belongs to the verb, not to its object.
 */
export const PARTICLES = new Set(['out', 'up', 'off', 'down', 'away', 'back', 'over', 'through']);

/** Prepositions that say where: met after a template's own "in", the person's wins. */
const PLACE_PREPOSITIONS = new Set([
  'above',
  'behind',
  'below',
  'beneath',
  'beside',
  'between',
  'inside',
  'near',
  'outside',
  'under',
  'within',
]);

/** A word that may not end a step: a preposition waiting for its object (particles may: "Take it out"). */
const DANGLING = new Set([...PREPOSITIONS].filter((w) => !PARTICLES.has(w)));

/**
 * Pairs English does put side by side, as phrasal verbs do ("check in with", "reach out to",
 * "catch up on", "out of", "up to", "back to"); any other pair is a collision.
 */
export const ALLOWED_PREPOSITION_PAIRS = new Set([
  'in with',
  'out to',
  'out of',
  'out for',
  'out on',
  'out from',
  'up on',
  'up for',
  'up to',
  'up with',
  'back to',
  'back from',
  'back in',
  'back on',
  'down to',
  'down on',
  'off to',
  'away from',
  'over to',
  'in on',
  'on to',
]);

const word = (token: string) => token.toLowerCase().replace(/[^\p{L}]/gu, '');

/** True when the text holds two prepositions side by side that English does not use. */
export function hasDoubledPreposition(text: string): boolean {
  const words = text.split(/\s+/).map(word);
  return words.some((w, i) => {
    const next = words[i + 1];
    return (
      next !== undefined &&
      PREPOSITIONS.has(w) &&
      PREPOSITIONS.has(next) &&
      !ALLOWED_PREPOSITION_PAIRS.has(`${w} ${next}`)
    );
  });
}

/** True when the same word appears twice in a row ("to to", "the the"). */
export function hasDoubledWord(text: string): boolean {
  const words = text.split(/\s+/).map(word);
  return words.some((w, i) => w.length > 0 && w === words[i + 1]);
}

/** True when the last word is a preposition with nothing to govern ("Bin the rubbish in"). */
export function endsWithDanglingPreposition(text: string): boolean {
  const last = text.trim().split(/\s+/).at(-1) ?? '';
  return DANGLING.has(word(last));
}

/**
 * Tidies where a template met the person's words: a doubled word goes; of two colliding
 * prepositions the template's gives way to a place ("in under the bed" is "under the bed"),
 * otherwise the second goes ("about to Sam" is "about Sam"); a preposition left at the end goes.
 */
export function tidyPhrasing(text: string): string {
  const tokens = text.split(/\s+/).filter((t) => t.length > 0);
  const out: string[] = [];
  for (const token of tokens) {
    const w = word(token);
    let keep = true;
    // A place preposition can displace more than one word before it ("out to under the bed").
    for (let prev = out.at(-1); prev !== undefined && keep; prev = out.at(-1)) {
      const p = word(prev);
      if (p.length > 0 && p === w && /\p{L}$/u.test(prev)) keep = false;
      else if (
        PREPOSITIONS.has(p) &&
        PREPOSITIONS.has(w) &&
        !ALLOWED_PREPOSITION_PAIRS.has(`${p} ${w}`)
      ) {
        if (PLACE_PREPOSITIONS.has(w) && out.length > 1) out.pop();
        else keep = false;
      } else break;
    }
    if (keep) out.push(token);
  }
  while (out.length > 1 && DANGLING.has(word(out.at(-1)!)) && /[\p{L}]$/u.test(out.at(-1)!)) {
    out.pop();
  }
  return out.join(' ');
}
