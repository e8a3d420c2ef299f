import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deleteInput, TRASH_RETENTION_DAYS, trashPurgeAt, trashPurgeCutoff } from './schema';

describe('trash retention', () => {
  it('purges thirty days after deletion', () => {
    expect(trashPurgeAt(new Date('2026-12-01T10:00:00Z')).toISOString()).toBe(
      '2026-12-31T10:00:00.000Z',
    );
    expect(TRASH_RETENTION_DAYS).toBe(30);
  });

  it('is due exactly when its purge time has come, never before', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: -10 * 86_400_000, max: 10 * 86_400_000 }),
        (deletedAt, offset) => {
          const now = new Date(trashPurgeAt(deletedAt).getTime() + offset);
          const due = deletedAt.getTime() < trashPurgeCutoff(now).getTime();
          expect(due).toBe(offset > 0);
        },
      ),
    );
  });
});

describe('delete input', () => {
  it('reads permanent as a query-string boolean and refuses anything else', () => {
    const id = '6f1c7a52-3b1e-4f4a-9d59-1c1f0e1f2a3b';
    expect(deleteInput.parse({ id }).permanent).toBeUndefined();
    expect(deleteInput.parse({ id, permanent: 'true' }).permanent).toBe(true);
    expect(deleteInput.parse({ id, permanent: 'false' }).permanent).toBe(false);
    expect(deleteInput.safeParse({ id, permanent: 'maybe' }).success).toBe(false);
    expect(deleteInput.safeParse({ id: 'nope' }).success).toBe(false);
  });
});
