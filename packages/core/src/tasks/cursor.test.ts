import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { decodeTaskCursor, encodeTaskCursor } from './cursor';

describe('task cursor', () => {
  it('round-trips any millisecond time and id', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(0), max: new Date('2200-01-01'), noInvalidDate: true }),
        fc.uuid(),
        (createdAt, id) => {
          const decoded = decodeTaskCursor(encodeTaskCursor({ createdAt, id }));
          expect(decoded.createdAt.getTime()).toBe(createdAt.getTime());
          expect(decoded.id).toBe(id);
        },
      ),
    );
  });

  it('refuses anything else with a bad-request domain error', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        try {
          decodeTaskCursor(raw);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('BAD_REQUEST');
        }
      }),
    );
    expect(() => decodeTaskCursor('zzzzzzzzzzzzzz_not-a-uuid')).toThrow(DomainError);
  });
});
