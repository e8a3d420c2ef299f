import {
  type AssignmentEvent,
  type AssignmentStatus,
  type AssignmentView,
  type DelegateInput,
  DomainError,
  delegateInput,
  isActiveStatus,
  LIVE_STATUSES,
  nextAssignmentStatus,
  type RankedAgent,
  rankAgents,
  scopesAllow,
  suggestDelegationMode,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { type AssignmentRow, agents, assignments, tasks } from '@proxy/db/schema';
import { and, asc, eq, inArray, isNull, lt, ne, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Caller } from '../context';
import { emit } from '../events/emit';
import { delegationRouteQueued } from '../jobs/definitions';
import { emitTaskCompleted } from '../tasks/events';
import { taskColumns } from '../tasks/service';
import {
  type AgentCaller,
  agentByName,
  agentForKey,
  type Deps,
  ownAgent,
  registerAgent,
  toRoutingAgent,
} from './agents';
import { emitAssignmentMove } from './events';
import { selectAssignmentViews } from './views';

/** Thrown inside a transaction to roll it back when a concurrent request got there first. */
class LostRace extends Error {}

const liveStatuses = [...LIVE_STATUSES];

async function viewById(db: DbOrTx, id: string): Promise<AssignmentView> {
  const [view] = await selectAssignmentViews(db, eq(assignments.id, id), 1);
  if (!view) throw new DomainError('NOT_FOUND', 'Assignment not found');
  return view;
}

/** Takes one of an agent's slots, or returns false when it is full. */
async function reserveSlot(tx: DbOrTx, agentRowId: string): Promise<boolean> {
  const rows = await tx
    .update(agents)
    .set({ activeCount: sql`${agents.activeCount} + 1` })
    .where(and(eq(agents.id, agentRowId), lt(agents.activeCount, agents.maxConcurrent)))
    .returning({ id: agents.id });
  return rows.length > 0;
}

async function userAgents(db: DbOrTx, userId: string) {
  return db.select().from(agents).where(eq(agents.userId, userId)).orderBy(asc(agents.id));
}

/**
 * Capacity freed or an agent arrived: route what waits, in a job written in `tx` when given, so
 * it exists exactly when the write commits.
 */
export async function afterCapacityChange(deps: Deps, userId: string, tx?: DbOrTx) {
  await deps.jobs.send(delegationRouteQueued, { userId }, { tx });
}

const reasonOf = (r: RankedAgent) => `${r.agentId}: ${r.reason}`;

/**
 * Delegates a task: routes it to the best agent now, or queues it when none fits. Delegating a
 * task that already has a live assignment returns that one (`created: false`); a partial unique
 * index makes this hold under concurrent requests too.
 */
export async function delegateTask(deps: Deps, userId: string, raw: DelegateInput) {
  const input = delegateInput.parse(raw);
  const [task] = await deps.db
    .select({
      id: tasks.id,
      requiredCapabilities: tasks.requiredCapabilities,
      status: tasks.status,
    })
    .from(tasks)
    .where(and(eq(tasks.id, input.task_id), eq(tasks.userId, userId), isNull(tasks.deletedAt)));
  if (!task) {
    throw new DomainError('NOT_FOUND', 'Task not found', {
      fieldErrors: { task_id: ['No such task'] },
    });
  }
  if (task.status === 'done' || task.status === 'archived') {
    throw new DomainError(
      'CONFLICT',
      `This task is ${task.status === 'done' ? 'done' : 'archived'}, so there is nothing to send to an agent; reopen it first`,
      { fieldErrors: { task_id: [`The task is ${task.status}`] } },
    );
  }
  const existing = async () => {
    const [view] = await selectAssignmentViews(
      deps.db,
      and(
        eq(assignments.taskId, task.id),
        eq(assignments.userId, userId),
        inArray(assignments.status, liveStatuses),
      ),
      1,
    );
    return view;
  };
  const before = await existing();
  if (before) {
    return {
      created: false,
      queued: before.status === 'queued',
      reason: before.routing_reason,
      assignment: before,
    };
  }
  const candidates = (await userAgents(deps.db, userId)).map((r) => toRoutingAgent(deps, r));
  const decision = rankAgents(
    { requiredCapabilities: task.requiredCapabilities, preferAgentType: input.prefer_agent_type },
    candidates,
  );
  const now = deps.now();
  const made = await deps.db
    .transaction(async (tx) => {
      let chosen: RankedAgent | null = null;
      for (const r of decision.ranking) {
        if (await reserveSlot(tx, r.id)) {
          chosen = r;
          break;
        }
      }
      const reason = chosen ? reasonOf(chosen) : decision.reason;
      const [row] = await tx
        .insert(assignments)
        .values({
          userId,
          taskId: task.id,
          agentId: chosen?.id ?? null,
          mode: input.delegation_mode,
          preferAgentType: input.prefer_agent_type ?? null,
          status: chosen ? 'assigned' : 'queued',
          routingReason: reason,
          assignedAt: chosen ? now : null,
          lastActivityAt: chosen ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: assignments.id });
      if (!row) throw new LostRace();
      if (chosen) {
        await emitAssignmentMove(deps, tx, {
          id: row.id,
          userId,
          taskId: task.id,
          agentId: chosen.id,
          mode: input.delegation_mode,
          status: 'assigned',
        });
      }
      await tx
        .update(tasks)
        .set({
          delegationMode: input.delegation_mode,
          status: sql`case when ${tasks.status} = 'inbox' then 'todo'::task_status else ${tasks.status} end`,
          updatedAt: now,
        })
        .where(eq(tasks.id, task.id));
      return { id: row.id, queued: !chosen, reason };
    })
    .catch((e: unknown) => {
      if (e instanceof LostRace) return null;
      throw e;
    });
  if (!made) {
    const winner = await existing();
    if (!winner) throw new DomainError('CONFLICT', 'The task changed meanwhile; try again');
    return {
      created: false,
      queued: winner.status === 'queued',
      reason: winner.routing_reason,
      assignment: winner,
    };
  }
  return {
    created: true,
    queued: made.queued,
    reason: made.reason,
    assignment: await viewById(deps.db, made.id),
  };
}

/** Routes a user's queued assignments, oldest first, to agents with room. Returns how many. */
export async function routeQueued(deps: Deps, userId: string): Promise<number> {
  const queued = await deps.db
    .select({
      id: assignments.id,
      preferAgentType: assignments.preferAgentType,
      excluded: assignments.excludedAgentIds,
      requiredCapabilities: tasks.requiredCapabilities,
    })
    .from(assignments)
    .innerJoin(tasks, eq(tasks.id, assignments.taskId))
    .where(
      and(
        eq(assignments.userId, userId),
        eq(assignments.status, 'queued'),
        // A task the person let go is never handed to an agent (its work is being cancelled).
        or(isNull(tasks.delegationMode), ne(tasks.delegationMode, 'DELETE')),
      ),
    )
    .orderBy(asc(assignments.createdAt), asc(assignments.id))
    .limit(500);
  if (queued.length === 0) return 0;
  const live = (await userAgents(deps.db, userId)).map((r) => toRoutingAgent(deps, r));
  let routed = 0;
  for (const q of queued) {
    const decision = rankAgents(
      {
        requiredCapabilities: q.requiredCapabilities,
        preferAgentType: q.preferAgentType,
        excludeAgentIds: q.excluded,
      },
      live,
    );
    if (!decision.chosen) continue;
    const now = deps.now();
    const taken = await deps.db
      .transaction(async (tx) => {
        for (const r of decision.ranking) {
          if (!(await reserveSlot(tx, r.id))) continue;
          const [u] = await tx
            .update(assignments)
            .set({
              status: 'assigned',
              agentId: r.id,
              assignedAt: now,
              lastActivityAt: now,
              routingReason: reasonOf(r),
              updatedAt: now,
            })
            .where(and(eq(assignments.id, q.id), eq(assignments.status, 'queued')))
            .returning();
          if (!u) throw new LostRace();
          await emitAssignmentMove(deps, tx, u);
          return r.id;
        }
        return null;
      })
      .catch((e: unknown) => {
        if (e instanceof LostRace) return null;
        throw e;
      });
    if (taken) {
      const agent = live.find((a) => a.id === taken);
      if (agent) agent.activeCount += 1;
      routed += 1;
    }
  }
  return routed;
}

interface TransitionOptions {
  id: string;
  /** Who may move it: the agent's own, or the owner's. Anything else reads as not found. */
  scope: SQL;
  event: (row: AssignmentRow) => AssignmentEvent;
  patch?: (
    row: AssignmentRow,
    next: AssignmentStatus,
    now: Date,
  ) => PgUpdateSetSource<typeof assignments>;
}

/** The agent's moves that go on with the work (failing or cancelling it stays allowed). */
const AGENT_WORK_EVENTS = new Set(['accept', 'progress', 'complete']);

/**
 * A task let go (DELETE) has its assignments cancelled by the delegation subscriber, soon after
 * the triage commits; until then, no agent may go on with it.
 */
async function refuseLetGoTask(tx: DbOrTx, taskId: string) {
  const [task] = await tx
    .select({ mode: tasks.delegationMode })
    .from(tasks)
    .where(eq(tasks.id, taskId));
  if (task?.mode === 'DELETE') throw new DomainError('CONFLICT', LET_GO_NOTE);
}

/**
 * One move of the state machine as a conditional UPDATE (`WHERE status = <what we read>`), so of
 * two concurrent moves exactly one wins and the other gets a CONFLICT naming the new state. Keeps
 * the agent's slot count, its success counters and the task's status in the same transaction.
 */
async function transition(deps: Deps, opts: TransitionOptions) {
  const now = deps.now();
  const result = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(assignments)
      .where(and(eq(assignments.id, opts.id), opts.scope));
    if (!row) throw new DomainError('NOT_FOUND', 'Assignment not found');
    const event = opts.event(row);
    if (AGENT_WORK_EVENTS.has(event.type)) await refuseLetGoTask(tx, row.taskId);
    const next = nextAssignmentStatus(row.status, event);
    const [after] = await tx
      .update(assignments)
      .set({ ...opts.patch?.(row, next, now), status: next, updatedAt: now })
      .where(
        and(
          eq(assignments.id, row.id),
          eq(assignments.status, row.status),
          row.agentId ? eq(assignments.agentId, row.agentId) : isNull(assignments.agentId),
        ),
      )
      .returning();
    if (!after) {
      const [fresh] = await tx
        .select({ status: assignments.status })
        .from(assignments)
        .where(eq(assignments.id, row.id));
      if (fresh) nextAssignmentStatus(fresh.status, event);
      throw new DomainError('CONFLICT', 'The assignment changed meanwhile; try again');
    }
    if (row.agentId) {
      const delta = Number(isActiveStatus(next)) - Number(isActiveStatus(row.status));
      const completed = next === 'completed' ? 1 : 0;
      const failed = next === 'failed' ? 1 : 0;
      if (delta !== 0 || completed || failed) {
        await tx
          .update(agents)
          .set({
            activeCount: sql`greatest(${agents.activeCount} + ${delta}, 0)`,
            completedCount: sql`${agents.completedCount} + ${completed}`,
            failedCount: sql`${agents.failedCount} + ${failed}`,
            updatedAt: now,
          })
          .where(eq(agents.id, row.agentId));
      }
    }
    if (next === 'accepted' || next === 'in_progress') {
      await tx
        .update(tasks)
        .set({ status: 'in_progress', updatedAt: now })
        .where(and(eq(tasks.id, row.taskId), notInArray(tasks.status, ['done', 'archived'])));
    } else if (next === 'completed') {
      const [done] = await tx
        .update(tasks)
        .set({ status: 'done', completedAt: now, updatedAt: now })
        .where(and(eq(tasks.id, row.taskId), notInArray(tasks.status, ['done'])))
        .returning(taskColumns);
      if (done) await emitTaskCompleted(deps, tx, done, 'agent');
    }
    if (after.status !== row.status) {
      await emitAssignmentMove(
        deps,
        tx,
        after,
        after.status === 'failed'
          ? after.failureReason
          : after.status === 'cancelled' || after.status === 'assigned'
            ? after.reviewNote
            : after.result,
      );
    }
    const freed = isActiveStatus(row.status) && !isActiveStatus(next);
    if (freed) await afterCapacityChange(deps, row.userId, tx);
    return { before: row, after, freed };
  });
  return viewById(deps.db, result.after.id);
}

// --- The agent's side: its own assignments only -------------------------------------------

export async function listAgentAssignments(
  deps: Deps,
  caller: Caller,
  input: { agent_id: string; status?: AssignmentStatus | undefined },
) {
  let agentRowId: string;
  if (caller.via === 'apiKey' && caller.scopes.includes('agent')) {
    agentRowId = (await ownAgent(deps, caller, input.agent_id)).id;
  } else {
    if (caller.via === 'apiKey' && !scopesAllow(caller.scopes, 'read')) {
      throw new DomainError('FORBIDDEN', 'This API key lacks the "read" scope');
    }
    agentRowId = (await agentByName(deps, caller.userId, input.agent_id)).id;
  }
  const where = [eq(assignments.agentId, agentRowId), eq(assignments.userId, caller.userId)];
  if (input.status) where.push(eq(assignments.status, input.status));
  return selectAssignmentViews(deps.db, and(...where));
}

async function agentScope(deps: Deps, caller: AgentCaller) {
  const agent = await agentForKey(deps, caller);
  return eq(assignments.agentId, agent.id);
}

export async function acceptAssignment(deps: Deps, caller: AgentCaller, id: string) {
  return transition(deps, {
    id,
    scope: await agentScope(deps, caller),
    event: () => ({ type: 'accept' }),
    patch: (_row, _next, now) => ({ acceptedAt: now, lastActivityAt: now }),
  });
}

export async function reportProgress(
  deps: Deps,
  caller: AgentCaller,
  input: { id: string; note: string; percent?: number | undefined },
) {
  return transition(deps, {
    id: input.id,
    scope: await agentScope(deps, caller),
    event: () => ({ type: 'progress' }),
    // Appended in SQL, so two notes sent at once both land.
    patch: (_row, _next, now) => ({
      progressNotes: sql`${assignments.progressNotes} || ${JSON.stringify([
        { at: now.toISOString(), note: input.note, percent: input.percent ?? null },
      ])}::jsonb`,
      lastActivityAt: now,
    }),
  });
}

export async function completeAssignment(
  deps: Deps,
  caller: AgentCaller,
  input: { id: string; result?: string | undefined },
) {
  return transition(deps, {
    id: input.id,
    scope: await agentScope(deps, caller),
    event: (row) => ({ type: 'complete', mode: row.mode }),
    patch: (_row, next, now) => ({
      result: input.result ?? null,
      lastActivityAt: now,
      completedAt: next === 'completed' ? now : null,
    }),
  });
}

export async function failAssignment(
  deps: Deps,
  caller: AgentCaller,
  input: { id: string; reason: string },
) {
  return transition(deps, {
    id: input.id,
    scope: await agentScope(deps, caller),
    event: () => ({ type: 'fail' }),
    patch: (_row, _next, now) => ({ failureReason: input.reason, completedAt: now }),
  });
}

// --- The person's side ----------------------------------------------------------------------

function refuseAgents(caller: Caller) {
  if (caller.via === 'apiKey' && caller.scopes.includes('agent')) {
    throw new DomainError('FORBIDDEN', 'An agent key cannot review or cancel assignments');
  }
}

export async function listAssignments(
  deps: Deps,
  userId: string,
  input: { status?: AssignmentStatus | undefined; task_id?: string | undefined },
) {
  const where = [eq(assignments.userId, userId)];
  if (input.status) where.push(eq(assignments.status, input.status));
  if (input.task_id) where.push(eq(assignments.taskId, input.task_id));
  return selectAssignmentViews(deps.db, and(...where));
}

export async function approveAssignment(
  deps: Deps,
  caller: Caller,
  input: { id: string; note?: string | undefined },
) {
  refuseAgents(caller);
  return transition(deps, {
    id: input.id,
    scope: eq(assignments.userId, caller.userId),
    event: () => ({ type: 'approve' }),
    patch: (_row, _next, now) => ({ reviewNote: input.note ?? null, completedAt: now }),
  });
}

export async function sendBackAssignment(
  deps: Deps,
  caller: Caller,
  input: { id: string; note?: string | undefined },
) {
  refuseAgents(caller);
  return transition(deps, {
    id: input.id,
    scope: eq(assignments.userId, caller.userId),
    event: () => ({ type: 'send_back' }),
    patch: (_row, _next, now) => ({
      reviewNote: input.note ?? null,
      lastActivityAt: now,
      completedAt: null,
    }),
  });
}

/** The note a cancelled assignment carries when its task was let go. */
export const LET_GO_NOTE = 'You let this task go (DELETE), so its work was cancelled.';

/**
 * Cancels every live assignment of the task (queued, with an agent, or waiting for review):
 * the person let it go, so no agent should go on with it. Runs in the caller's transaction.
 */
export async function cancelLiveAssignmentsOfTask(
  deps: Deps,
  tx: DbOrTx,
  userId: string,
  taskId: string,
): Promise<number> {
  const live = await tx
    .select({ id: assignments.id })
    .from(assignments)
    .where(
      and(
        eq(assignments.userId, userId),
        eq(assignments.taskId, taskId),
        inArray(assignments.status, [...LIVE_STATUSES]),
      ),
    );
  for (const { id } of live) {
    await transition(
      { ...deps, db: tx },
      {
        id,
        scope: eq(assignments.userId, userId),
        event: () => ({ type: 'cancel' }),
        patch: (_row, _next, now) => ({ completedAt: now, reviewNote: LET_GO_NOTE }),
      },
    );
  }
  return live.length;
}

export async function cancelAssignment(deps: Deps, caller: Caller, id: string) {
  refuseAgents(caller);
  return transition(deps, {
    id,
    scope: eq(assignments.userId, caller.userId),
    event: () => ({ type: 'cancel' }),
    patch: (_row, _next, now) => ({ completedAt: now }),
  });
}

// --- The worker's sweep ---------------------------------------------------------------------

/**
 * Assignments not accepted within `acceptTimeoutMs`, or accepted but silent (no heartbeat from the
 * agent and no progress) for `heartbeatTimeoutMs`, time out: the attempt fails, a silent agent is
 * marked offline, and the task goes back to the queue (never to the same agent) and is routed.
 */
export async function reassignStale(deps: Deps) {
  const now = deps.now();
  const { acceptTimeoutMs, heartbeatTimeoutMs } = deps.delegation;
  const acceptCutoff = new Date(now.getTime() - acceptTimeoutMs);
  const silentCutoff = new Date(now.getTime() - heartbeatTimeoutMs);
  const stale = await deps.db
    .select({ row: assignments })
    .from(assignments)
    .innerJoin(agents, eq(agents.id, assignments.agentId))
    .where(
      or(
        and(eq(assignments.status, 'assigned'), lt(assignments.assignedAt, acceptCutoff)),
        and(
          inArray(assignments.status, ['accepted', 'in_progress']),
          lt(assignments.lastActivityAt, silentCutoff),
          or(isNull(agents.lastHeartbeatAt), lt(agents.lastHeartbeatAt, silentCutoff)),
        ),
      ),
    )
    .orderBy(asc(assignments.createdAt))
    .limit(500);
  const users = new Set<string>();
  let reassigned = 0;
  for (const { row } of stale) {
    const silent = row.status !== 'assigned';
    const minutes = Math.round((silent ? heartbeatTimeoutMs : acceptTimeoutMs) / 60_000);
    const reason = silent
      ? `No heartbeat or progress for ${minutes} min`
      : `Not accepted within ${minutes} min`;
    const moved = await deps.db.transaction(async (tx) => {
      nextAssignmentStatus(row.status, { type: 'timeout' });
      const [u] = await tx
        .update(assignments)
        .set({ status: 'failed', failureReason: reason, completedAt: now, updatedAt: now })
        .where(
          and(
            eq(assignments.id, row.id),
            eq(assignments.status, row.status),
            eq(assignments.agentId, row.agentId!),
          ),
        )
        .returning();
      if (!u) return false;
      await emitAssignmentMove(deps, tx, u, reason);
      await tx
        .update(agents)
        .set({
          activeCount: sql`greatest(${agents.activeCount} - 1, 0)`,
          failedCount: sql`${agents.failedCount} + 1`,
          ...(silent ? { status: 'offline' as const } : {}),
          updatedAt: now,
        })
        .where(eq(agents.id, row.agentId!));
      await tx
        .insert(assignments)
        .values({
          userId: row.userId,
          taskId: row.taskId,
          mode: row.mode,
          preferAgentType: row.preferAgentType,
          status: 'queued',
          attempt: row.attempt + 1,
          excludedAgentIds: [...row.excludedAgentIds, row.agentId!],
          routingReason: `Reassigned: ${reason}`,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing();
      return true;
    });
    if (moved) {
      reassigned += 1;
      users.add(row.userId);
    }
  }
  let routed = 0;
  for (const userId of users) routed += await routeQueued(deps, userId);
  return { reassigned, routed };
}

/** Users with work waiting in the queue (for the worker's periodic sweep). */
export async function usersWithQueuedWork(deps: Pick<Deps, 'db'>): Promise<string[]> {
  const rows = await deps.db
    .selectDistinct({ userId: assignments.userId })
    .from(assignments)
    .where(eq(assignments.status, 'queued'));
  return rows.map((r) => r.userId);
}

/** The suggested 4D mode and its reason for each of the user's tasks asked about. */
export async function suggestModes(deps: Deps, userId: string, taskIds: string[]) {
  const rows = await deps.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.userId, userId), inArray(tasks.id, taskIds)));
  const agentRows = await userAgents(deps.db, userId);
  const context = {
    now: deps.now(),
    agents: agentRows.map((a) => ({
      agentId: a.agentId,
      capabilities: a.capabilities,
      online: toRoutingAgent(deps, a).online,
    })),
  };
  return rows.map((t) => ({ task_id: t.id, ...suggestDelegationMode(t, context) }));
}

/** Sets the 4D mode on several of the user's tasks at once; others' ids are ignored. */
export async function triageTasks(
  deps: Deps,
  userId: string,
  input: { task_ids: string[]; delegation_mode: 'DO' | 'DO_WITH_ME' | 'DELEGATE' | 'DELETE' },
) {
  return deps.db.transaction(async (tx) => {
    const before = await tx
      .select({ id: tasks.id, mode: tasks.delegationMode })
      .from(tasks)
      .where(
        and(eq(tasks.userId, userId), inArray(tasks.id, input.task_ids), isNull(tasks.deletedAt)),
      )
      .for('update');
    const rows = await tx
      .update(tasks)
      .set({ delegationMode: input.delegation_mode, updatedAt: deps.now() })
      .where(and(eq(tasks.userId, userId), inArray(tasks.id, input.task_ids)))
      .returning({ id: tasks.id, title: tasks.title, parentId: tasks.parentId });
    const previous = new Map(before.map((b) => [b.id, b.mode]));
    for (const row of rows) {
      const previousMode = previous.get(row.id) ?? null;
      // Letting a task go (DELETE) cancels its agent work in the delegation subscriber, which
      // reacts to this event; until it has run, `transition` refuses the agent's moves.
      if (previousMode === input.delegation_mode) continue;
      await emit(deps, tx, {
        type: 'task.triaged',
        userId,
        data: {
          taskId: row.id,
          title: row.title,
          parentId: row.parentId,
          mode: input.delegation_mode,
          previousMode,
        },
      });
    }
    return { updated: rows.length };
  });
}

/** Registers the key's agent and, in the same transaction, asks for queued work to be routed. */
export async function registerAndRoute(
  deps: Deps,
  caller: AgentCaller,
  input: Parameters<typeof registerAgent>[2],
) {
  const result = await deps.db.transaction(async (tx) => {
    const registered = await registerAgent({ ...deps, db: tx }, caller, input);
    await afterCapacityChange(deps, caller.userId, tx);
    return registered;
  });
  return result;
}
