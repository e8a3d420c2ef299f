import {
  type AgentView,
  DomainError,
  type RegisterAgentInput,
  type RoutingAgent,
  registerAgentInput,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { type AgentRow, agents } from '@proxy/db/schema';
import { and, arrayContains, asc, eq } from 'drizzle-orm';
import type { AppDeps, Caller } from '../context';

export type Deps = Pick<AppDeps, 'now' | 'delegation' | 'jobs'> & { db: DbOrTx };

/** The key an agent acts through; one key is one agent. */
export type AgentCaller = Extract<Caller, { via: 'apiKey' }>;

export function isOnline(deps: Pick<Deps, 'now' | 'delegation'>, row: AgentRow): boolean {
  if (row.status !== 'online' || !row.lastHeartbeatAt) return false;
  return row.lastHeartbeatAt.getTime() >= deps.now().getTime() - deps.delegation.heartbeatTimeoutMs;
}

export function toAgentView(deps: Pick<Deps, 'now' | 'delegation'>, row: AgentRow): AgentView {
  return {
    id: row.id,
    agent_id: row.agentId,
    agent_type: row.agentType,
    capabilities: row.capabilities,
    max_concurrent: row.maxConcurrent,
    active_count: row.activeCount,
    online: isOnline(deps, row),
    last_heartbeat_at: row.lastHeartbeatAt,
    completed_count: row.completedCount,
    failed_count: row.failedCount,
    created_at: row.createdAt,
  };
}

export function toRoutingAgent(
  deps: Pick<Deps, 'now' | 'delegation'>,
  row: AgentRow,
): RoutingAgent {
  return {
    id: row.id,
    agentId: row.agentId,
    agentType: row.agentType,
    capabilities: row.capabilities,
    maxConcurrent: row.maxConcurrent,
    activeCount: row.activeCount,
    online: isOnline(deps, row),
    completedCount: row.completedCount,
    failedCount: row.failedCount,
  };
}

/**
 * Registers (or re-registers) the calling key's agent. Idempotent: the same key and agent_id
 * update capabilities and come back online. A key registers one agent, and an agent_id belongs
 * to the key that registered it first.
 */
export async function registerAgent(
  deps: Deps,
  caller: AgentCaller,
  raw: RegisterAgentInput,
): Promise<{ agent: AgentRow; created: boolean }> {
  const input = registerAgentInput.parse(raw);
  const now = deps.now();
  const [byKey] = await deps.db.select().from(agents).where(eq(agents.apiKeyId, caller.keyId));
  if (byKey && byKey.agentId !== input.agent_id) {
    throw new DomainError(
      'CONFLICT',
      `This API key already belongs to agent "${byKey.agentId}"; create another key for "${input.agent_id}"`,
    );
  }
  const [byName] = await deps.db
    .select()
    .from(agents)
    .where(and(eq(agents.userId, caller.userId), eq(agents.agentId, input.agent_id)));
  if (byName?.apiKeyId && byName.apiKeyId !== caller.keyId) {
    throw new DomainError(
      'CONFLICT',
      `Agent "${input.agent_id}" is registered with another API key`,
      { fieldErrors: { agent_id: ['Pick another agent_id, or use the key that registered it'] } },
    );
  }
  const values = {
    agentType: input.agent_type,
    capabilities: input.capabilities,
    maxConcurrent: input.max_concurrent,
    apiKeyId: caller.keyId,
    status: 'online' as const,
    lastHeartbeatAt: now,
    updatedAt: now,
  };
  if (byName) {
    const [row] = await deps.db
      .update(agents)
      .set(values)
      .where(eq(agents.id, byName.id))
      .returning();
    return { agent: row!, created: false };
  }
  const [row] = await deps.db
    .insert(agents)
    .values({ ...values, userId: caller.userId, agentId: input.agent_id, createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new DomainError('CONFLICT', `Agent "${input.agent_id}" was just registered`);
  return { agent: row, created: true };
}

/** The agent behind an agent key, or FORBIDDEN telling it to register first. */
export async function agentForKey(deps: Pick<Deps, 'db'>, caller: AgentCaller): Promise<AgentRow> {
  const [row] = await deps.db
    .select()
    .from(agents)
    .where(and(eq(agents.apiKeyId, caller.keyId), eq(agents.userId, caller.userId)));
  if (!row) {
    throw new DomainError(
      'FORBIDDEN',
      'This API key has no agent yet: POST /api/v1/delegation/agents/register first',
    );
  }
  return row;
}

/** The key's own agent, checked against the agent_id in the path (another agent reads as absent). */
export async function ownAgent(deps: Pick<Deps, 'db'>, caller: AgentCaller, agentId: string) {
  const row = await agentForKey(deps, caller);
  if (row.agentId !== agentId) throw new DomainError('NOT_FOUND', 'Agent not found');
  return row;
}

export async function heartbeat(deps: Deps, caller: AgentCaller, agentId: string) {
  const row = await ownAgent(deps, caller, agentId);
  const now = deps.now();
  const [updated] = await deps.db
    .update(agents)
    .set({ status: 'online', lastHeartbeatAt: now, updatedAt: now })
    .where(eq(agents.id, row.id))
    .returning();
  return updated!;
}

export async function goOffline(deps: Deps, caller: AgentCaller, agentId: string) {
  const row = await ownAgent(deps, caller, agentId);
  const [updated] = await deps.db
    .update(agents)
    .set({ status: 'offline', updatedAt: deps.now() })
    .where(eq(agents.id, row.id))
    .returning();
  return updated!;
}

export async function listAgents(
  deps: Deps,
  userId: string,
  filter: { capability?: string | undefined; online?: boolean | undefined } = {},
): Promise<AgentView[]> {
  const where = [eq(agents.userId, userId)];
  if (filter.capability) where.push(arrayContains(agents.capabilities, [filter.capability]));
  const rows = await deps.db
    .select()
    .from(agents)
    .where(and(...where))
    .orderBy(asc(agents.agentId));
  const views = rows.map((r) => toAgentView(deps, r));
  return filter.online === undefined ? views : views.filter((v) => v.online === filter.online);
}

export async function agentByName(deps: Pick<Deps, 'db'>, userId: string, agentId: string) {
  const [row] = await deps.db
    .select()
    .from(agents)
    .where(and(eq(agents.userId, userId), eq(agents.agentId, agentId)));
  if (!row) throw new DomainError('NOT_FOUND', 'Agent not found');
  return row;
}
