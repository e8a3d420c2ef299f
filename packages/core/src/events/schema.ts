import { z } from 'zod';
import { CREATURE_STAGES } from '../creature/progression';
import { ASSIGNMENT_STATUSES } from '../delegation/assignment-state';
import { FOCUS_KINDS } from '../focus/kinds';
import { DELEGATION_MODES, ENERGY_LEVELS, TASK_PRIORITIES, TASK_STATUSES } from '../tasks/schema';
import { XP_SOURCES } from '../xp/award';

/**
 * Domain events: what happened, told once to everything that cares (notifications, XP,
 * achievements, webhooks). A change writes its event in its own transaction; subscribers react
 * later, each once per event. Payloads are versioned: a type's `version` grows when its data
 * changes shape, and webhook consumers see it. Data is plain JSON (dates as ISO text), because it
 * is stored as JSON and sent as JSON.
 *
 * Adding an event: a schema here, into `domainEventSchema`; nothing else needs to know.
 */

const iso = z.iso.datetime({ offset: true });

function event<const T extends string, const V extends number, D extends z.ZodObject>(
  type: T,
  version: V,
  data: D,
) {
  return z.object({ type: z.literal(type), version: z.literal(version), data });
}

const taskRef = {
  taskId: z.uuid(),
  title: z.string(),
  /** Set for a micro-step: the task it belongs to. */
  parentId: z.uuid().nullable(),
};

export const taskCreatedEvent = event(
  'task.created',
  1,
  z.object({
    ...taskRef,
    status: z.enum(TASK_STATUSES),
    priority: z.enum(TASK_PRIORITIES),
    dueAt: iso.nullable(),
    estimateMinutes: z.number().int().nullable(),
    energy: z.enum(ENERGY_LEVELS).nullable(),
    tags: z.array(z.string()),
  }),
);

export const taskUpdatedEvent = event(
  'task.updated',
  1,
  z.object({
    ...taskRef,
    /** The fields whose value changed. */
    changed: z.array(z.string()).min(1),
  }),
);

export const taskCompletedEvent = event(
  'task.completed',
  1,
  z.object({
    ...taskRef,
    estimateMinutes: z.number().int().nullable(),
    /** 1..5, when it was analysed. */
    complexity: z.number().int().nullable(),
    tags: z.array(z.string()),
    completedAt: iso,
    /** An agent's finished assignment completed it, or the person did. */
    completedBy: z.enum(['person', 'agent']),
  }),
);

/** Deleted: moved to the trash (restorable for 30 days), or, with `permanent`, gone for good. */
export const taskDeletedEvent = event(
  'task.deleted',
  1,
  z.object({ ...taskRef, permanent: z.boolean().optional() }),
);

/** Brought back from the trash, with the steps that went with it. */
export const taskRestoredEvent = event('task.restored', 1, z.object({ ...taskRef }));

export const taskTriagedEvent = event(
  'task.triaged',
  1,
  z.object({
    ...taskRef,
    mode: z.enum(DELEGATION_MODES),
    previousMode: z.enum(DELEGATION_MODES).nullable(),
  }),
);

const assignmentData = z.object({
  assignmentId: z.uuid(),
  taskId: z.uuid(),
  taskTitle: z.string(),
  /** The agent's own name (`agent_id`), when one holds it. */
  agentId: z.string().nullable(),
  mode: z.enum(DELEGATION_MODES),
  status: z.enum(ASSIGNMENT_STATUSES),
  /** The agent's result, the failure reason or the person's note, as the move carried it. */
  detail: z.string().nullable(),
});

export const assignmentAssignedEvent = event('assignment.assigned', 1, assignmentData);
export const assignmentAcceptedEvent = event('assignment.accepted', 1, assignmentData);
/** DO_WITH_ME work the agent finished: the person's review waits. */
export const assignmentNeedsReviewEvent = event('assignment.needs_review', 1, assignmentData);
export const assignmentCompletedEvent = event('assignment.completed', 1, assignmentData);
export const assignmentFailedEvent = event('assignment.failed', 1, assignmentData);
export const assignmentCancelledEvent = event('assignment.cancelled', 1, assignmentData);

const monitorData = z.object({
  monitorId: z.uuid(),
  monitorName: z.string(),
  evaluationId: z.uuid(),
  /** The condition in words ("below 50,000"). */
  condition: z.string(),
  /** The value judged, in words ("48,250"), when there was one. */
  value: z.string().nullable(),
  /** Why, in a sentence. */
  reason: z.string(),
  /** Items that appeared (feeds), newest first, at most 20. */
  newItems: z
    .array(z.object({ title: z.string().nullable(), link: z.string().nullable() }))
    .max(20),
  /** The person asked this monitor to email them. */
  emailWanted: z.boolean(),
});

export const monitorTriggeredEvent = event('monitor.triggered', 1, monitorData);
/** Several evaluations in a row failed. */
export const monitorFailingEvent = event('monitor.failing', 1, monitorData);
export const monitorFlappingEvent = event('monitor.flapping', 1, monitorData);
export const monitorRecoveredEvent = event('monitor.recovered', 1, monitorData);

const focusSessionRef = {
  sessionId: z.uuid(),
  kind: z.enum(FOCUS_KINDS),
  /** The task the session was for, if any. */
  taskId: z.uuid().nullable(),
  taskTitle: z.string().nullable(),
};

export const focusStartedEvent = event(
  'focus.started',
  1,
  z.object({ ...focusSessionRef, startedAt: iso, plannedMinutes: z.number().int().nullable() }),
);

/**
 * A session ended: finished as planned (`completed`), or stopped early; either way its worked
 * minutes count (nothing is ever lost).
 */
export const focusEndedEvent = event(
  'focus.ended',
  1,
  z.object({
    ...focusSessionRef,
    startedAt: iso,
    endedAt: iso,
    /** Whole minutes of work, pauses excluded. */
    focusedMinutes: z.number().int().min(0),
    completed: z.boolean(),
    /** Work blocks finished in the session. */
    workBlocks: z.number().int().min(0),
    interruptions: z.number().int().min(0),
  }),
);

export const focusBreakStartedEvent = event(
  'focus.break_started',
  1,
  z.object({
    ...focusSessionRef,
    breakType: z.enum(['short_break', 'long_break']),
    breakMinutes: z.number().int().min(0),
  }),
);

/** XP was paid: one ledger row. `totalXp` and `level` are the person's after it. */
export const xpAwardedEvent = event(
  'xp.awarded',
  1,
  z.object({
    awardId: z.uuid(),
    source: z.enum(XP_SOURCES),
    sourceId: z.string(),
    amount: z.number().int().min(0),
    reason: z.string(),
    totalXp: z.number().int().min(0),
    level: z.number().int().min(1),
  }),
);

const progressionData = {
  /** The person's XP before and after the award that crossed the line. */
  fromTotalXp: z.number().int().min(0),
  toTotalXp: z.number().int().min(0),
  fromLevel: z.number().int().min(1),
  toLevel: z.number().int().min(1),
  /** Null while no egg has been chosen. */
  creatureName: z.string().nullable(),
};

export const creatureLeveledUpEvent = event(
  'creature.leveled_up',
  1,
  z.object({ ...progressionData, unlockedAbilities: z.array(z.string()) }),
);

export const creatureEvolvedEvent = event(
  'creature.evolved',
  1,
  z.object({
    ...progressionData,
    fromStage: z.enum(CREATURE_STAGES),
    toStage: z.enum(CREATURE_STAGES),
  }),
);

/** Proxy stopped sending to a webhook endpoint: it answered 410 Gone, or failed for days. */
export const webhookDisabledEvent = event(
  'webhook.disabled',
  1,
  z.object({
    endpointId: z.uuid(),
    url: z.string(),
    /** Why, in a sentence. */
    reason: z.string(),
    /** A Zapier-style REST hook is removed rather than kept switched off. */
    removed: z.boolean(),
  }),
);

export const domainEventSchema = z.discriminatedUnion('type', [
  taskCreatedEvent,
  taskUpdatedEvent,
  taskCompletedEvent,
  taskDeletedEvent,
  taskRestoredEvent,
  taskTriagedEvent,
  assignmentAssignedEvent,
  assignmentAcceptedEvent,
  assignmentNeedsReviewEvent,
  assignmentCompletedEvent,
  assignmentFailedEvent,
  assignmentCancelledEvent,
  monitorTriggeredEvent,
  monitorFailingEvent,
  monitorFlappingEvent,
  monitorRecoveredEvent,
  focusStartedEvent,
  focusEndedEvent,
  focusBreakStartedEvent,
  xpAwardedEvent,
  creatureLeveledUpEvent,
  creatureEvolvedEvent,
  webhookDisabledEvent,
]);

export type DomainEvent = z.infer<typeof domainEventSchema>;
export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
export type EventData<T extends DomainEventType> = EventOf<T>['data'];

/** Every event type, in the union's order (one source for filters and webhook subscriptions). */
export const DOMAIN_EVENT_TYPES = domainEventSchema.options.map(
  (o) => o.shape.type.value,
) as readonly DomainEventType[];

/** The version each type is written at now. */
export const EVENT_VERSIONS = Object.fromEntries(
  domainEventSchema.options.map((o) => [o.shape.type.value, o.shape.version.value]),
) as { readonly [T in DomainEventType]: EventOf<T>['version'] };

/** An event as it is stored and handed to subscribers. */
export type StoredEvent<T extends DomainEventType = DomainEventType> = EventOf<T> & {
  id: string;
  userId: string;
  occurredAt: Date;
};

/** `task.*` style patterns: does a type match? (`*` alone matches everything.) */
export function eventTypeMatches(pattern: string, type: DomainEventType): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export const eventTypePatternSchema = z
  .string()
  .max(100)
  .refine((p) => DOMAIN_EVENT_TYPES.some((t) => eventTypeMatches(p, t)), {
    message: 'Not an event type (or a pattern such as "task.*")',
  });
