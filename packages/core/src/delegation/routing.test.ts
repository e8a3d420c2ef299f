import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RoutingAgent, type RoutingTask, rankAgents, routeBatch } from './routing';

const CAPS = ['python', 'pytest', 'fastapi', 'typescript', 'react', 'sql', 'docs'];
const TYPES = ['backend-tdd', 'frontend', 'writer'];

const agentArb = (id: number) =>
  fc.record({
    id: fc.constant(`agent-${String(id).padStart(3, '0')}`),
    agentId: fc.constant(`a${id}`),
    agentType: fc.constantFrom(...TYPES),
    capabilities: fc.uniqueArray(fc.constantFrom(...CAPS), { maxLength: 5 }),
    maxConcurrent: fc.integer({ min: 1, max: 4 }),
    activeCount: fc.integer({ min: 0, max: 4 }),
    online: fc.boolean(),
    completedCount: fc.integer({ min: 0, max: 20 }),
    failedCount: fc.integer({ min: 0, max: 20 }),
  });

const agentsArb = fc
  .integer({ min: 0, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => agentArb(i))))
  .map((a): RoutingAgent[] => [...a]);

const taskArb: fc.Arbitrary<RoutingTask> = fc.record({
  requiredCapabilities: fc.uniqueArray(fc.constantFrom(...CAPS), { maxLength: 3 }),
  preferAgentType: fc.option(fc.constantFrom(...TYPES), { nil: null }),
});

describe('rankAgents', () => {
  it('never picks an agent that lacks a capability, is at its limit, or is offline', () => {
    fc.assert(
      fc.property(taskArb, agentsArb, (task, agents) => {
        const { ranking } = rankAgents(task, agents);
        for (const ranked of ranking) {
          const a = agents.find((x) => x.id === ranked.id)!;
          expect(a.online).toBe(true);
          expect(a.activeCount).toBeLessThan(a.maxConcurrent);
          for (const c of task.requiredCapabilities) expect(a.capabilities).toContain(c);
        }
      }),
    );
  });

  it('ranks or rejects every agent, and rejects with a reason', () => {
    fc.assert(
      fc.property(taskArb, agentsArb, (task, agents) => {
        const d = rankAgents(task, agents);
        expect(d.ranking.length + d.rejected.length).toBe(agents.length);
        for (const r of d.rejected) expect(r.reason.length).toBeGreaterThan(0);
        expect(d.reason.length).toBeGreaterThan(0);
        expect(d.chosen === null).toBe(d.ranking.length === 0);
      }),
    );
  });

  it('gives the same answer for the same input, whatever order the agents come in', () => {
    fc.assert(
      fc.property(taskArb, agentsArb, fc.integer(), (task, agents, seed) => {
        const shuffled = [...agents].sort(
          (a, b) => ((a.id.charCodeAt(6) * seed) % 7) - ((b.id.charCodeAt(6) * seed) % 7),
        );
        expect(rankAgents(task, shuffled)).toEqual(rankAgents(task, agents));
      }),
    );
  });

  it('puts the preferred agent type ahead of lighter-loaded agents of another type', () => {
    fc.assert(
      fc.property(taskArb, agentsArb, (task, agents) => {
        const { ranking } = rankAgents(task, agents);
        if (!task.preferAgentType) return;
        const firstOther = ranking.findIndex((r) => !r.preferredType);
        if (firstOther >= 0) {
          expect(ranking.slice(firstOther).every((r) => !r.preferredType)).toBe(true);
        }
      }),
    );
  });

  it('prefers lower load, then better success rate, then the smaller id', () => {
    const base: RoutingAgent = {
      id: 'b',
      agentId: 'b',
      agentType: 'x',
      capabilities: ['python'],
      maxConcurrent: 4,
      activeCount: 1,
      online: true,
      completedCount: 0,
      failedCount: 0,
    };
    const task = { requiredCapabilities: ['python'] };
    expect(rankAgents(task, [base, { ...base, id: 'a', activeCount: 2 }]).chosen?.id).toBe('b');
    expect(rankAgents(task, [base, { ...base, id: 'a', failedCount: 3 }]).chosen?.id).toBe('b');
    expect(rankAgents(task, [base, { ...base, id: 'a' }]).chosen?.id).toBe('a');
    const none = rankAgents({ requiredCapabilities: ['rust'] }, [base]);
    expect(none.chosen).toBeNull();
    expect(none.reason).toBe('No agent covers rust; the task waits in the queue');
    expect(none.rejected[0]?.reason).toBe('lacks rust');
  });
});

describe('routeBatch', () => {
  it('chooses what rankAgents would, task by task, counting each choice as load', () => {
    fc.assert(
      fc.property(fc.array(taskArb, { maxLength: 40 }), agentsArb, (tasks, agents) => {
        const live = agents.map((a) => ({ ...a }));
        const expected = tasks.map((task) => {
          const chosen = rankAgents(task, live).chosen;
          if (chosen) live.find((a) => a.id === chosen.id)!.activeCount += 1;
          return chosen?.id ?? null;
        });
        expect(routeBatch(tasks, agents)).toEqual(expected);
        // The same through the lazy heaps (used for large candidate sets).
        expect(routeBatch(tasks, agents, { heapAbove: 0 })).toEqual(expected);
      }),
    );
  });
});
