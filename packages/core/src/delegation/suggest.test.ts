import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TASK_PRIORITIES, TASK_STATUSES } from '../tasks/schema';
import { wouldCreateCycle } from './dependencies';
import { suggestDelegationMode } from './suggest';

const now = new Date('2026-11-21T12:00:00Z');
const CAPS = ['python', 'react', 'sql'];

const taskArb = fc.record({
  requiredCapabilities: fc.uniqueArray(fc.constantFrom(...CAPS), { maxLength: 2 }),
  priority: fc.constantFrom(...TASK_PRIORITIES),
  status: fc.constantFrom(...TASK_STATUSES),
  complexity: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  dueAt: fc.option(fc.constant(now), { nil: null }),
  createdAt: fc.constant(new Date('2026-01-01T00:00:00Z')),
  updatedAt: fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: now, noInvalidDate: true }),
});
const agentsArb = fc.array(
  fc.record({
    agentId: fc.constantFrom('a', 'b', 'c'),
    capabilities: fc.uniqueArray(fc.constantFrom(...CAPS), { maxLength: 3 }),
    online: fc.boolean(),
  }),
  { maxLength: 4 },
);

describe('suggestDelegationMode', () => {
  it('suggests DELEGATE or DO_WITH_ME only when some agent covers every capability', () => {
    fc.assert(
      fc.property(taskArb, agentsArb, (task, agents) => {
        const s = suggestDelegationMode(task, { agents, now });
        expect(s.reason.length).toBeGreaterThan(0);
        if (s.mode === 'DELEGATE' || s.mode === 'DO_WITH_ME') {
          expect(task.requiredCapabilities.length).toBeGreaterThan(0);
          expect(
            agents.some((a) => task.requiredCapabilities.every((c) => a.capabilities.includes(c))),
          ).toBe(true);
        }
        if (s.mode === 'DELETE') expect(task.priority).toBe('low');
        expect(suggestDelegationMode(task, { agents, now })).toEqual(s);
      }),
    );
  });

  it('explains each mode in one line', () => {
    const base = {
      requiredCapabilities: ['python'],
      priority: 'medium' as const,
      status: 'inbox' as const,
      complexity: null,
      dueAt: null,
      createdAt: now,
      updatedAt: now,
    };
    const agents = [{ agentId: 'backend-agent-1', capabilities: ['python'], online: true }];
    expect(suggestDelegationMode(base, { agents, now })).toEqual({
      mode: 'DELEGATE',
      reason: 'backend-agent-1 covers python',
    });
    expect(suggestDelegationMode({ ...base, complexity: 5 }, { agents, now }).mode).toBe(
      'DO_WITH_ME',
    );
    expect(suggestDelegationMode(base, { agents: [], now }).reason).toBe(
      'No agent has python yet: yours to do',
    );
    const old = new Date('2026-09-01T00:00:00Z');
    expect(
      suggestDelegationMode({ ...base, priority: 'low', updatedAt: old }, { agents, now }).mode,
    ).toBe('DELETE');
  });
});

describe('wouldCreateCycle', () => {
  it('refuses self-edges and closing loops, allows the rest', () => {
    const edges = [
      { taskId: 'b', dependsOnId: 'a' },
      { taskId: 'c', dependsOnId: 'b' },
    ];
    expect(wouldCreateCycle(edges, 'a', 'a')).toBe(true);
    expect(wouldCreateCycle(edges, 'a', 'c')).toBe(true);
    expect(wouldCreateCycle(edges, 'c', 'a')).toBe(false);
    expect(wouldCreateCycle(edges, 'd', 'c')).toBe(false);
  });
});
