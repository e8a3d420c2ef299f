import { describe, expect, it } from 'vitest';
import { describeChoice, groupEventTypes, isChosen, toggleChoice } from './event-choice';

const groups = groupEventTypes([
  { type: 'task.created', group: 'task' },
  { type: 'task.completed', group: 'task' },
  { type: 'monitor.triggered', group: 'monitor' },
  { type: 'custom.thing', group: 'custom' },
]);

describe('event choice', () => {
  it('groups types in the order they come, with words for each group', () => {
    expect(groups.map((g) => [g.group, g.label, g.types])).toEqual([
      ['task', 'Tasks', ['task.created', 'task.completed']],
      ['monitor', 'Monitors', ['monitor.triggered']],
      ['custom', 'Custom', ['custom.thing']],
    ]);
  });

  it('ticks a type through its group pattern or everything', () => {
    expect(isChosen(['task.*'], 'task.created')).toBe(true);
    expect(isChosen(['task.*'], 'monitor.triggered')).toBe(false);
    expect(isChosen(['*'], 'monitor.triggered')).toBe(true);
    expect(isChosen(['*'], 'task.*')).toBe(true);
    expect(isChosen(['task.created'], '*')).toBe(false);
  });

  it('lets a wider choice absorb the narrower ones', () => {
    expect(toggleChoice(['task.created', 'monitor.triggered'], 'task.*', true)).toEqual([
      'monitor.triggered',
      'task.*',
    ]);
    expect(toggleChoice(['task.*', 'monitor.triggered'], '*', true)).toEqual(['*']);
    expect(toggleChoice(['*'], '*', false)).toEqual([]);
    expect(toggleChoice(['task.*'], 'task.*', false)).toEqual([]);
    expect(toggleChoice([], 'task.created', true)).toEqual(['task.created']);
    expect(toggleChoice(['task.created'], 'task.created', true)).toEqual(['task.created']);
  });

  it('describes a choice in words', () => {
    expect(describeChoice(['*'], groups)).toBe('Everything');
    expect(describeChoice(['task.*', 'monitor.triggered'], groups)).toBe(
      'all task events, monitor.triggered',
    );
  });
});
