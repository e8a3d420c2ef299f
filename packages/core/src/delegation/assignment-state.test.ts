import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  ASSIGNMENT_STATUSES,
  type AssignmentEvent,
  isTerminalStatus,
  nextAssignmentStatus,
  statusesAllowing,
  tryNextAssignmentStatus,
} from './assignment-state';

const eventArb: fc.Arbitrary<AssignmentEvent> = fc.oneof(
  fc.constantFrom<AssignmentEvent>(
    { type: 'route' },
    { type: 'accept' },
    { type: 'progress' },
    { type: 'fail' },
    { type: 'timeout' },
    { type: 'approve' },
    { type: 'send_back' },
    { type: 'cancel' },
  ),
  fc
    .constantFrom('DO_WITH_ME' as const, 'DELEGATE' as const)
    .map((mode): AssignmentEvent => ({ type: 'complete', mode })),
);

describe('assignment state machine', () => {
  it('walks the happy paths', () => {
    let s = nextAssignmentStatus('queued', { type: 'route' });
    s = nextAssignmentStatus(s, { type: 'accept' });
    s = nextAssignmentStatus(s, { type: 'progress' });
    expect(nextAssignmentStatus(s, { type: 'complete', mode: 'DELEGATE' })).toBe('completed');
    const review = nextAssignmentStatus(s, { type: 'complete', mode: 'DO_WITH_ME' });
    expect(review).toBe('needs_review');
    expect(nextAssignmentStatus(review, { type: 'send_back' })).toBe('in_progress');
    expect(nextAssignmentStatus(review, { type: 'approve' })).toBe('completed');
  });

  it('refuses illegal moves with a CONFLICT that names the state', () => {
    expect(() => nextAssignmentStatus('accepted', { type: 'accept' })).toThrow(
      'Cannot accept an assignment that is accepted',
    );
    expect(() => nextAssignmentStatus('completed', { type: 'fail' })).toThrow(/finished/);
    try {
      nextAssignmentStatus('assigned', { type: 'approve' });
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('CONFLICT');
    }
  });

  it('never leaves a terminal state, and every run of events stays inside the known states', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ASSIGNMENT_STATUSES),
        fc.array(eventArb, { maxLength: 30 }),
        (start, events) => {
          let s = start;
          for (const e of events) {
            const next = tryNextAssignmentStatus(s, e);
            if (isTerminalStatus(s)) expect(next).toBeNull();
            if (next) {
              expect(ASSIGNMENT_STATUSES).toContain(next);
              s = next;
            } else {
              expect(() => nextAssignmentStatus(s, e)).toThrow(DomainError);
            }
          }
        },
      ),
    );
  });

  it('only an accepted or running assignment can complete; only review can be approved', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ASSIGNMENT_STATUSES), eventArb, (s, e) => {
        const next = tryNextAssignmentStatus(s, e);
        if (next === 'completed' && e.type !== 'approve') {
          expect(['accepted', 'in_progress']).toContain(s);
        }
        if (e.type === 'approve' && next) expect(s).toBe('needs_review');
        if (next) expect(statusesAllowing(e.type)).toContain(s);
      }),
    );
  });
});
