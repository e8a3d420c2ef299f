'use client';

import type { AssignmentView } from '@proxy/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormMessage } from '@/components/field';
import { TableScroll } from '@/components/table-scroll';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';

const LIVE = new Set(['queued', 'assigned', 'accepted', 'in_progress', 'needs_review']);
// Agents report through the API; the page looks again every few seconds.
const REFRESH_MS = 3000;

/** Agents, their load, every assignment, and the review queue for DO_WITH_ME results. */
export function Agents() {
  const trpc = useTRPC();
  const agents = useQuery(
    trpc.delegation.agents.list.queryOptions({}, { refetchInterval: REFRESH_MS }),
  );
  const assignments = useQuery(
    trpc.delegation.assignments.list.queryOptions({}, { refetchInterval: REFRESH_MS }),
  );
  const review = (assignments.data ?? []).filter((a) => a.status === 'needs_review');

  return (
    <>
      <div className="page-header">
        <h1>Agents</h1>
        <p className="muted" style={{ margin: 0 }}>
          Register an agent with an API key that has the “agent” scope (Settings → API keys).
        </p>
      </div>

      <section className="settings-section" aria-labelledby="review-heading">
        <h2 id="review-heading">Waiting for your review ({review.length})</h2>
        {review.length === 0 ? (
          <p className="muted">Nothing to review.</p>
        ) : (
          <ul className="task-list">
            {review.map((a) => (
              <ReviewItem key={a.id} assignment={a} />
            ))}
          </ul>
        )}
      </section>

      <section className="settings-section" aria-labelledby="agents-heading">
        <h2 id="agents-heading">Registered agents</h2>
        {agents.error ? (
          <FormMessage kind="error">{apiErrorInfo(agents.error).message}</FormMessage>
        ) : (agents.data ?? []).length === 0 ? (
          <p className="muted">No agents yet.</p>
        ) : (
          <TableScroll label="Registered agents">
            <table className="schema-table">
              <thead>
                <tr>
                  <th>Agent</th>
                  <th>Type</th>
                  <th>Capabilities</th>
                  <th>Load</th>
                  <th>State</th>
                  <th>Done / failed</th>
                </tr>
              </thead>
              <tbody>
                {(agents.data ?? []).map((a) => (
                  <tr key={a.id} data-testid="agent-row">
                    <td>{a.agent_id}</td>
                    <td>{a.agent_type}</td>
                    <td>{a.capabilities.join(', ')}</td>
                    <td>
                      {a.active_count}/{a.max_concurrent}
                    </td>
                    <td>
                      <span className={`badge ${a.online ? 'badge-success' : ''}`}>
                        {a.online ? 'online' : 'offline'}
                      </span>
                    </td>
                    <td>
                      {a.completed_count} / {a.failed_count}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section className="settings-section" aria-labelledby="assignments-heading">
        <h2 id="assignments-heading">Assignments</h2>
        {assignments.error ? (
          <FormMessage kind="error">{apiErrorInfo(assignments.error).message}</FormMessage>
        ) : (
          <AssignmentTable rows={assignments.data ?? []} />
        )}
      </section>
    </>
  );
}

function AssignmentTable({ rows }: { rows: AssignmentView[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.delegation.assignments.cancel.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.delegation.pathFilter()),
    }),
  );
  if (rows.length === 0) return <p className="muted">Nothing delegated yet.</p>;
  return (
    <TableScroll label="Assignments">
      <table className="schema-table">
        <thead>
          <tr>
            <th>Task</th>
            <th>Agent</th>
            <th>Status</th>
            <th>Latest</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => {
            const last = a.progress_notes.at(-1);
            return (
              <tr key={a.id} data-testid="assignment-row" data-status={a.status}>
                <td>{a.task_title}</td>
                <td>{a.agent_id ?? '—'}</td>
                <td>
                  <span className="badge">{a.status.replace('_', ' ')}</span>
                </td>
                <td>
                  {a.result ??
                    a.failure_reason ??
                    (last
                      ? `${last.note}${last.percent !== null ? ` (${last.percent}%)` : ''}`
                      : a.routing_reason)}
                </td>
                <td>
                  {LIVE.has(a.status) ? (
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      disabled={cancel.isPending}
                      onClick={() => cancel.mutate({ id: a.id })}
                    >
                      Cancel
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ReviewItem({ assignment }: { assignment: AssignmentView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const onSettled = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.delegation.pathFilter()),
      queryClient.invalidateQueries(trpc.tasks.pathFilter()),
    ]);
  const approve = useMutation(trpc.delegation.assignments.approve.mutationOptions({ onSettled }));
  const sendBack = useMutation(trpc.delegation.assignments.sendBack.mutationOptions({ onSettled }));
  const error = approve.error ?? sendBack.error;
  return (
    <li className="task-row" data-testid="review-item">
      <div className="task-body">
        <span className="task-title">{assignment.task_title}</span>
        <p className="muted">
          From {assignment.agent_id}: {assignment.result ?? '(no result text)'}
        </p>
        <label className="field">
          <span className="field-label">Note for the agent (optional)</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {error ? <FormMessage kind="error">{apiErrorInfo(error).message}</FormMessage> : null}
      </div>
      <div className="task-actions">
        <button
          type="button"
          className="button button-small"
          disabled={approve.isPending}
          onClick={() => approve.mutate({ id: assignment.id, note: note || undefined })}
        >
          Approve
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={sendBack.isPending}
          onClick={() => sendBack.mutate({ id: assignment.id, note: note || undefined })}
        >
          Send back
        </button>
      </div>
    </li>
  );
}
