import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  insertStep,
  isLastOpenStep,
  nextOpenStep,
  nextStepPosition,
  reorderSteps,
  sortSteps,
  stepProgress,
} from './steps';

const step = (id: string, position: number, status: 'todo' | 'done' | 'archived' = 'todo') => ({
  id,
  position,
  status,
});

describe('steps', () => {
  it('puts a new step after the last', () => {
    expect(nextStepPosition([])).toBe(0);
    expect(nextStepPosition([step('a', 0), step('b', 4)])).toBe(5);
  });

  it('counts progress without archived steps', () => {
    expect(stepProgress([step('a', 0, 'done'), step('b', 1), step('c', 2, 'archived')])).toEqual({
      done: 1,
      total: 2,
    });
  });

  it('knows the last open step and the next one', () => {
    const steps = [step('a', 0, 'done'), step('b', 2), step('c', 1)];
    expect(isLastOpenStep(steps, 'b')).toBe(false);
    expect(isLastOpenStep([step('a', 0, 'done'), step('b', 1)], 'b')).toBe(true);
    expect(isLastOpenStep([step('a', 0, 'done'), step('b', 1, 'done')], 'b')).toBe(false);
    expect(nextOpenStep(steps)?.id).toBe('c');
    expect(sortSteps(steps).map((s) => s.id)).toEqual(['a', 'c', 'b']);
  });

  it('moves and inserts, clamping to the list', () => {
    expect(reorderSteps(['a', 'b', 'c'], 'c', 0)).toEqual(['c', 'a', 'b']);
    expect(reorderSteps(['a', 'b', 'c'], 'a', 99)).toEqual(['b', 'c', 'a']);
    expect(insertStep(['a', 'b'], 'x', 1)).toEqual(['a', 'x', 'b']);
  });

  it('a move keeps every step once and puts the moved one where asked', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.nat(30),
        (ids, pick, to) => {
          const id = ids[pick % ids.length]!;
          const moved = reorderSteps(ids, id, to);
          expect([...moved].sort()).toEqual([...ids].sort());
          expect(moved.indexOf(id)).toBe(Math.min(to, ids.length - 1));
          expect(moved.filter((x) => x !== id)).toEqual(ids.filter((x) => x !== id));
        },
      ),
    );
  });
});
