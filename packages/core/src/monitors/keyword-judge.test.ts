import { describe, expect, it } from 'vitest';
import { contentWords, keywordJudge } from './keyword-judge';

describe('contentWords', () => {
  it('drops stop words, short words and repeats', () => {
    expect(contentWords('Is there a data breach at the bank? A breach!')).toEqual([
      'data',
      'breach',
      'bank',
    ]);
  });
});

describe('keywordJudge', () => {
  it('matches when most content words appear, plurals included', () => {
    const r = keywordJudge(
      'Does the page mention a security breach?',
      'Acme confirms two security breaches in March',
    );
    expect(r.matched).toBe(true);
    expect(r.reason).toMatch(/^Offline keyword judge/);
    expect(r.reason).toContain('"security"');
  });

  it('does not match unrelated text', () => {
    const r = keywordJudge('Is the new iPhone announced?', 'Weather: sunny, 21 degrees');
    expect(r.matched).toBe(false);
    expect(r.reason).toContain('none of');
  });

  it('needs at least half of the words', () => {
    expect(keywordJudge('volcano eruption iceland warning', 'volcano news').matched).toBe(false);
    expect(keywordJudge('volcano eruption iceland warning', 'iceland volcano').matched).toBe(true);
  });

  it('never matches a question without content words', () => {
    const r = keywordJudge('is it so?', 'anything at all');
    expect(r.matched).toBe(false);
    expect(r.reason).toContain('no content words');
  });

  it('is deterministic', () => {
    const a = keywordJudge('price of gold rises', 'gold price rises sharply');
    expect(keywordJudge('price of gold rises', 'gold price rises sharply')).toEqual(a);
  });
});
