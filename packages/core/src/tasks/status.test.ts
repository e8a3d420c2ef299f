import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TASK_STATUSES } from './schema';
import { nextCompletedAt } from './status';

const status = fc.constantFrom(...TASK_STATUSES);
const maybeDate = fc.option(fc.date({ noInvalidDate: true }), { nil: null });

describe('nextCompletedAt', () => {
  it('is set exactly when a task is done, kept while done or archived', () => {
    fc.assert(
      fc.property(
        status,
        maybeDate,
        status,
        fc.date({ noInvalidDate: true }),
        (prev, completedAt, next, now) => {
          const result = nextCompletedAt({ status: prev, completedAt }, next, now);
          if (next === 'done') expect(result).toEqual(prev === 'done' ? completedAt : now);
          else if (next === 'archived') expect(result).toEqual(completedAt);
          else expect(result).toBeNull();
        },
      ),
    );
  });
});
