/**
 * The event types an endpoint subscribes to, as the form's checkboxes see them: `*` for
 * everything, `task.*` for a whole group, or single types. Plain functions over plain lists.
 */

export type EventTypeOption = { type: string; group: string };
export type EventGroup = { group: string; label: string; noun: string; types: string[] };

export const EVERYTHING = '*';

const GROUP_WORDS: Record<string, { label: string; noun: string }> = {
  task: { label: 'Tasks', noun: 'task' },
  assignment: { label: 'Assignments', noun: 'assignment' },
  focus: { label: 'Focus sessions', noun: 'focus' },
  monitor: { label: 'Monitors', noun: 'monitor' },
  creature: { label: 'Your creature', noun: 'creature' },
  xp: { label: 'XP', noun: 'XP' },
  webhook: { label: 'Webhooks', noun: 'webhook' },
  notification: { label: 'Notifications', noun: 'notification' },
};

/** The groups in the order they first appear, each with its own types. */
export function groupEventTypes(options: readonly EventTypeOption[]): EventGroup[] {
  const groups = new Map<string, EventGroup>();
  for (const { type, group } of options) {
    let entry = groups.get(group);
    if (!entry) {
      const words = GROUP_WORDS[group] ?? {
        label: group.charAt(0).toUpperCase() + group.slice(1),
        noun: group,
      };
      entry = { group, ...words, types: [] };
      groups.set(group, entry);
    }
    entry.types.push(type);
  }
  return [...groups.values()];
}

export const groupPattern = (group: string) => `${group}.*`;
const groupOf = (type: string) => type.split('.')[0] ?? type;

/** Is this checkbox ticked, directly or through `*` or its group's pattern? */
export function isChosen(chosen: readonly string[], choice: string): boolean {
  if (chosen.includes(EVERYTHING) || chosen.includes(choice)) return true;
  if (choice === EVERYTHING) return false;
  return !choice.endsWith('.*') && chosen.includes(groupPattern(groupOf(choice)));
}

/**
 * The list after ticking or unticking one box. A wider choice absorbs the narrower ones it
 * covers, so the stored list stays short and says what the person meant.
 */
export function toggleChoice(chosen: readonly string[], choice: string, on: boolean): string[] {
  if (choice === EVERYTHING) return on ? [EVERYTHING] : [];
  const rest = chosen.filter((c) => c !== choice);
  if (!on) return rest;
  if (choice.endsWith('.*')) {
    const prefix = choice.slice(0, -1);
    return [...rest.filter((c) => !c.startsWith(prefix)), choice];
  }
  return [...rest, choice];
}

/** "Everything", or "all task events, monitor.triggered". */
export function describeChoice(chosen: readonly string[], groups: readonly EventGroup[]): string {
  if (chosen.includes(EVERYTHING)) return 'Everything';
  return chosen
    .map((c) => {
      if (!c.endsWith('.*')) return c;
      const group = groups.find((g) => groupPattern(g.group) === c);
      return `all ${group?.noun ?? c.slice(0, -2)} events`;
    })
    .join(', ');
}
