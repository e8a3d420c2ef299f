import type { DelegationMode, TaskPriority, TaskStatus } from '../tasks/schema';

export interface SuggestTask {
  requiredCapabilities: readonly string[];
  priority: TaskPriority;
  status: TaskStatus;
  complexity: number | null;
  dueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SuggestAgent {
  agentId: string;
  capabilities: readonly string[];
  online: boolean;
}

export interface SuggestContext {
  agents: readonly SuggestAgent[];
  now: Date;
  /** Days untouched after which a low-value task is suggested for deletion. */
  staleAfterDays?: number;
}

export interface ModeSuggestion {
  mode: DelegationMode;
  reason: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Suggests one of the 4Ds with a one-line reason. The person accepts or overrides it; nothing
 * here changes a task.
 *
 * - DELETE: low priority, no due date, untouched for weeks (stale and of little value).
 * - DELEGATE: it needs capabilities and an online agent covers them all.
 * - DO_WITH_ME: an agent covers it but it is complex (4-5) or urgent/high: pair on it, review.
 * - DO: nothing an agent could cover (no capabilities listed, or no agent has them).
 */
export function suggestDelegationMode(task: SuggestTask, context: SuggestContext): ModeSuggestion {
  const staleDays = context.staleAfterDays ?? 30;
  const idleDays = Math.floor((context.now.getTime() - task.updatedAt.getTime()) / DAY_MS);
  const open = task.status !== 'done' && task.status !== 'archived';
  if (open && task.priority === 'low' && !task.dueAt && idleDays >= staleDays) {
    return {
      mode: 'DELETE',
      reason: `Low priority, no due date and untouched for ${idleDays} days: let it go?`,
    };
  }
  const needs = task.requiredCapabilities;
  if (needs.length === 0) {
    return { mode: 'DO', reason: 'No capabilities listed that an agent could cover: yours to do' };
  }
  const covering = context.agents
    .filter((a) => needs.every((c) => a.capabilities.includes(c)))
    .sort((a, b) => Number(b.online) - Number(a.online) || (a.agentId < b.agentId ? -1 : 1));
  const first = covering[0];
  if (!first) {
    return { mode: 'DO', reason: `No agent has ${needs.join(', ')} yet: yours to do` };
  }
  const important = task.priority === 'urgent' || task.priority === 'high';
  const complex = (task.complexity ?? 0) >= 4;
  if (important || complex) {
    const why = complex ? `complexity ${task.complexity}` : `${task.priority} priority`;
    return {
      mode: 'DO_WITH_ME',
      reason: `${first.agentId} can help, but with ${why} you should review the result`,
    };
  }
  const where = first.online ? '' : ' (offline now; it will be queued)';
  return { mode: 'DELEGATE', reason: `${first.agentId} covers ${needs.join(', ')}${where}` };
}
