import type { AssignmentView } from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { agents, assignments, tasks } from '@proxy/db/schema';
import { desc, eq, type SQL } from 'drizzle-orm';

/** Assignments as the API shows them: with the task's title and the agent's name. */
export async function selectAssignmentViews(
  db: DbOrTx,
  where: SQL | undefined,
  limit = 200,
): Promise<AssignmentView[]> {
  const rows = await db
    .select({ a: assignments, taskTitle: tasks.title, agentName: agents.agentId })
    .from(assignments)
    .innerJoin(tasks, eq(tasks.id, assignments.taskId))
    .leftJoin(agents, eq(agents.id, assignments.agentId))
    .where(where)
    .orderBy(desc(assignments.createdAt), desc(assignments.id))
    .limit(limit);
  return rows.map(({ a, taskTitle, agentName }) => ({
    id: a.id,
    task_id: a.taskId,
    task_title: taskTitle,
    agent_id: agentName,
    delegation_mode: a.mode,
    prefer_agent_type: a.preferAgentType,
    status: a.status,
    routing_reason: a.routingReason,
    progress_notes: a.progressNotes,
    result: a.result,
    failure_reason: a.failureReason,
    review_note: a.reviewNote,
    attempt: a.attempt,
    assigned_at: a.assignedAt,
    accepted_at: a.acceptedAt,
    completed_at: a.completedAt,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  }));
}
