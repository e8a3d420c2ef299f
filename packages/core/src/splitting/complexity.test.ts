import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseComplexity, defaultEstimateMinutes, suggestedSpiciness } from './complexity';

describe('analyseComplexity', () => {
  it('scores a single clear action as 1', () => {
    const result = analyseComplexity({ title: 'Call mum' });
    expect(result.score).toBe(1);
    expect(result.factors.map((f) => f.code)).toEqual(['simple']);
  });

  it('names the factors behind a high score', () => {
    const result = analyseComplexity({
      title: 'Figure out and plan the website migration somehow',
      notes: '- pick host\n- move DNS\n- copy content\n- test forms',
      estimateMinutes: 240,
    });
    expect(result.score).toBe(5);
    const codes = result.factors.map((f) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining(['big_verb', 'vague', 'long_estimate', 'checklist']),
    );
    expect(result.suggestedSpiciness).toBe(5);
  });

  it('counts separate actions in one title', () => {
    const result = analyseComplexity({ title: 'call the bank and cancel the card' });
    expect(result.factors.find((f) => f.code === 'multiple_actions')?.label).toBe(
      '2 actions in one task',
    );
  });

  it('always gives a score from 1 to 5 and at least one factor', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.option(fc.string({ maxLength: 2000 })),
        fc.option(fc.integer({ min: 1, max: 10_080 })),
        (title, notes, estimateMinutes) => {
          const result = analyseComplexity({ title, notes, estimateMinutes });
          expect(result.score).toBeGreaterThanOrEqual(1);
          expect(result.score).toBeLessThanOrEqual(5);
          expect(Number.isInteger(result.score)).toBe(true);
          expect(result.factors.length).toBeGreaterThan(0);
          expect(result).toEqual(analyseComplexity({ title, notes, estimateMinutes }));
        },
      ),
    );
  });

  it('never scores a task lower because its estimate grew', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 120 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 600 }),
        (title, estimate, more) => {
          const a = analyseComplexity({ title, estimateMinutes: estimate }).score;
          const b = analyseComplexity({ title, estimateMinutes: estimate + more }).score;
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });

  it('maps scores to spiciness and default estimates that grow with it', () => {
    for (let s = 1; s < 5; s++) {
      expect(suggestedSpiciness(s + 1)).toBeGreaterThanOrEqual(suggestedSpiciness(s));
      expect(defaultEstimateMinutes(s + 1)).toBeGreaterThan(defaultEstimateMinutes(s));
    }
  });
});
