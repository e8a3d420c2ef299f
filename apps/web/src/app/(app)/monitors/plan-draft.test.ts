import type { MonitorPlan } from '@proxy/core';
import { describe, expect, it } from 'vitest';
import {
  emptySource,
  planDraftOf,
  planFromDraft,
  serverFieldErrors,
  sourceDraftOf,
} from './plan-draft';

const plan: MonitorPlan = {
  sources: [{ kind: 'json', url: 'https://api.example.com/price', jsonPath: '$.usd' }],
  condition: { type: 'threshold', op: 'below', value: 50000, unit: 'currency', currency: '$' },
  timing: { debounce: 1, cooldownMinutes: 0, hysteresis: 0, flapping: null, errorThreshold: 3 },
};

describe('plan drafts', () => {
  it('round-trips a compiled plan through the form unchanged', () => {
    const result = planFromDraft(sourceDraftOf(plan.sources[0]), planDraftOf(plan));
    expect(result).toEqual({ ok: true, plan });
  });

  it('applies edits to the condition and the timing', () => {
    const draft = { ...planDraftOf(plan), op: 'above' as const, value: '60000', debounce: '2' };
    const result = planFromDraft(sourceDraftOf(plan.sources[0]), draft);
    expect(result.ok && result.plan.condition).toMatchObject({ op: 'above', value: 60000 });
    expect(result.ok && result.plan.timing.debounce).toBe(2);
  });

  it('builds the other condition kinds', () => {
    const source = sourceDraftOf(plan.sources[0]);
    const base = planDraftOf(plan);
    const contains = planFromDraft(source, { ...base, conditionType: 'contains', text: 'sale' });
    expect(contains.ok && contains.plan.condition).toEqual({ type: 'contains', text: 'sale' });
    const delta = planFromDraft(source, {
      ...base,
      conditionType: 'change',
      changeRule: 'delta',
      deltaPercent: '5',
    });
    expect(delta.ok && delta.plan.condition).toEqual({
      type: 'change',
      rule: { type: 'delta', absolute: null, percent: 5 },
    });
    const fuzzy = planFromDraft(
      { ...emptySource(), kind: 'feed', url: 'https://example.com/feed' },
      { ...base, conditionType: 'fuzzy', question: 'Is it about a breach?' },
    );
    expect(fuzzy.ok && fuzzy.plan).toMatchObject({
      sources: [{ kind: 'feed', url: 'https://example.com/feed' }],
      condition: { type: 'fuzzy', question: 'Is it about a breach?' },
    });
  });

  it('puts messages next to the fields that need them', () => {
    const result = planFromDraft(
      { ...emptySource(), url: 'ftp://example.com', jsonPath: '' },
      { ...planDraftOf(plan), value: '', debounce: '0' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['source.url']?.[0]).toMatch(/http and https/);
    expect(result.errors['source.jsonPath']?.[0]).toMatch(/JSONPath/);
    expect(result.errors['condition.value']?.[0]).toBe('Enter a number');
    expect(result.errors['timing.debounce']).toBeDefined();
  });

  it('asks for a source when there is none', () => {
    const result = planFromDraft(emptySource(), planDraftOf({ ...plan, sources: [] }));
    expect(result.ok === false && result.errors['source.url']?.[0]).toMatch(/source/);
  });
});

describe('server field errors', () => {
  it('land on the form fields they are about', () => {
    expect(
      serverFieldErrors({
        sources: ['Say where to look'],
        'plan.sources.0.jsonPath': ['A JSON source needs a JSONPath'],
        'plan.timing.debounce': ['Too small'],
        'plan.condition.value': ['Expected a number'],
        prompt: ['Too short'],
      }),
    ).toEqual({
      'source.url': ['Say where to look'],
      'source.jsonPath': ['A JSON source needs a JSONPath'],
      'timing.debounce': ['Too small'],
      'condition.value': ['Expected a number'],
      prompt: ['Too short'],
    });
  });
});
