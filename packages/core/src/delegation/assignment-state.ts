import { DomainError } from '../errors';

export const ASSIGNMENT_STATUSES = [
  'queued',
  'assigned',
  'accepted',
  'in_progress',
  'needs_review',
  'completed',
  'failed',
  'cancelled',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** Statuses that hold one of an agent's concurrent slots. */
export const ACTIVE_STATUSES = ['assigned', 'accepted', 'in_progress'] as const;
/** Statuses in which a task is still being delegated: at most one per task (a unique index). */
export const LIVE_STATUSES = ['queued', ...ACTIVE_STATUSES, 'needs_review'] as const;
export const TERMINAL_STATUSES = ['completed', 'failed', 'cancelled'] as const;

export type AssignmentEvent =
  | { type: 'route' }
  | { type: 'accept' }
  | { type: 'progress' }
  /** DO_WITH_ME work ends in review; DELEGATE work is done when the agent says so. */
  | { type: 'complete'; mode: 'DO_WITH_ME' | 'DELEGATE' }
  | { type: 'fail' }
  | { type: 'timeout' }
  | { type: 'approve' }
  | { type: 'send_back' }
  | { type: 'cancel' };

export const isActiveStatus = (s: AssignmentStatus) =>
  (ACTIVE_STATUSES as readonly string[]).includes(s);
export const isTerminalStatus = (s: AssignmentStatus) =>
  (TERMINAL_STATUSES as readonly string[]).includes(s);

const TABLE: Record<
  AssignmentStatus,
  Partial<Record<AssignmentEvent['type'], AssignmentStatus>>
> = {
  queued: { route: 'assigned', cancel: 'cancelled' },
  assigned: { accept: 'accepted', fail: 'failed', timeout: 'failed', cancel: 'cancelled' },
  accepted: {
    progress: 'in_progress',
    complete: 'completed',
    fail: 'failed',
    timeout: 'failed',
    cancel: 'cancelled',
  },
  in_progress: {
    progress: 'in_progress',
    complete: 'completed',
    fail: 'failed',
    timeout: 'failed',
    cancel: 'cancelled',
  },
  needs_review: { approve: 'completed', send_back: 'in_progress', cancel: 'cancelled' },
  completed: {},
  failed: {},
  cancelled: {},
};

const VERB: Record<AssignmentEvent['type'], string> = {
  route: 'route',
  accept: 'accept',
  progress: 'report progress on',
  complete: 'complete',
  fail: 'fail',
  timeout: 'time out',
  approve: 'approve',
  send_back: 'send back',
  cancel: 'cancel',
};

/** The legal next status, or null when the move is not allowed. */
export function tryNextAssignmentStatus(
  status: AssignmentStatus,
  event: AssignmentEvent,
): AssignmentStatus | null {
  const next = TABLE[status][event.type];
  if (!next) return null;
  if (event.type === 'complete' && event.mode === 'DO_WITH_ME') return 'needs_review';
  return next;
}

/** The assignment state machine: the next status, or a CONFLICT saying why the move is refused. */
export function nextAssignmentStatus(
  status: AssignmentStatus,
  event: AssignmentEvent,
): AssignmentStatus {
  const next = tryNextAssignmentStatus(status, event);
  if (next) return next;
  const allowed = Object.keys(TABLE[status]).map((e) => VERB[e as AssignmentEvent['type']]);
  throw new DomainError(
    'CONFLICT',
    `Cannot ${VERB[event.type]} an assignment that is ${status.replace('_', ' ')}` +
      (allowed.length > 0 ? ` (from here you can ${allowed.join(', ')})` : ' (it is finished)'),
  );
}

/** The statuses from which an event is legal: what a conditional UPDATE's WHERE must name. */
export function statusesAllowing(type: AssignmentEvent['type']): AssignmentStatus[] {
  return ASSIGNMENT_STATUSES.filter((s) => TABLE[s][type] !== undefined);
}
