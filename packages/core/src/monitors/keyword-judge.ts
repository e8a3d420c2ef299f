/**
 * The offline judge for fuzzy monitor conditions: no model, just words. The question's content
 * words (stop words and very short words dropped) are looked for in the facts' text; the
 * condition holds when at least half of them (and at least one) appear. Deterministic, so a
 * monitor keeps working, crudely, without any AI provider, and says so in its reason.
 */

const STOP_WORDS = new Set(
  (
    'a an and any are as at be been being but by can could did do does doing for from had has have ' +
    'having he her here hers him his how i if in into is it its just me mention mentions my no nor ' +
    'not of off on once only or other our ours out over own same she should so some such than that ' +
    'the their theirs them then there these they this those through to too under until up very was ' +
    'we were what when where which while who whom why will with would you your yours about above ' +
    'after again against all am because before below between both down during each few further ' +
    'more most tell notify alert let know page site article post says say said there whether ' +
    'something anything someone anyone thing things new'
  ).split(/\s+/),
);

/** The words that carry the question's meaning, lower-cased, in order, without repeats. */
export function contentWords(text: string): string[] {
  const words = text
    .toLocaleLowerCase('en-US')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3 && !STOP_WORDS.has(w));
  return [...new Set(words)];
}

export type KeywordJudgement = { matched: boolean; reason: string };

/** Judge a fuzzy question against the facts' text by shared content words. */
export function keywordJudge(question: string, factsText: string): KeywordJudgement {
  const wanted = contentWords(question);
  const have = new Set(contentWords(factsText));
  // A word matches its simple plural / singular too ("breach" ~ "breaches").
  const seen = (w: string) =>
    have.has(w) ||
    have.has(`${w}s`) ||
    have.has(`${w}es`) ||
    (w.endsWith('s') && have.has(w.slice(0, -1))) ||
    (w.endsWith('es') && have.has(w.slice(0, -2)));
  const found = wanted.filter(seen);
  const missing = wanted.filter((w) => !seen(w));
  const needed = Math.max(1, Math.ceil(wanted.length / 2));
  const matched = wanted.length > 0 && found.length >= needed;
  const list = (ws: string[]) => ws.map((w) => `"${w}"`).join(', ');
  const reason =
    wanted.length === 0
      ? 'Offline keyword judge: the question has no content words to look for'
      : matched
        ? `Offline keyword judge: the facts mention ${list(found)} (${found.length} of ${wanted.length} key words)`
        : found.length === 0
          ? `Offline keyword judge: the facts mention none of ${list(wanted)}`
          : `Offline keyword judge: only ${found.length} of ${wanted.length} key words found (${list(found)}); missing ${list(missing)}`;
  return { matched, reason };
}
