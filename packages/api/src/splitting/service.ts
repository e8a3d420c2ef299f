import {
  type AcceptSplitInput,
  type AcceptSplitOutput,
  acceptSplitInput,
  actualsFromCompletions,
  aiSplitOutputSchema,
  analyseComplexity,
  type Complexity,
  calibrateSteps,
  DomainError,
  notFound,
  type SplitPreview,
  type SplitPreviewInput,
  type SplitStep,
  type StepHistoryItem,
  splitPreviewInput,
  splitTaskOffline,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { tasks } from '@proxy/db/schema';
import { and, desc, eq, isNotNull, ne } from 'drizzle-orm';
import { AiBudgetExceededError, AiRateLimitedError, AiUnavailableError } from '../ai/errors';
import type { AppDeps } from '../context';
import { emitTaskCreated, emitTaskDeleted } from '../tasks/events';
import { getTask, notTrashed, taskColumns } from '../tasks/service';
import { listSteps } from '../tasks/steps';
import { trackedMinutesByTask } from '../time-entries/service';
import { buildSplitPrompt, SPLIT_SYSTEM_PROMPT } from './prompt';

type Deps = Pick<AppDeps, 'now' | 'ai' | 'jobs'> & { db: DbOrTx };

const HISTORY_ROWS = 500;

export async function analyseTaskComplexity(
  deps: Deps,
  userId: string,
  taskId: string,
): Promise<Complexity> {
  return analyseComplexity(await getTask(deps, userId, taskId));
}

/** How long the person's finished steps really took, for calibration. */
export async function loadStepHistory(deps: Deps, userId: string): Promise<StepHistoryItem[]> {
  const rows = await deps.db
    .select({
      id: tasks.id,
      parentId: tasks.parentId,
      title: tasks.title,
      estimateMinutes: tasks.estimateMinutes,
      completedAt: tasks.completedAt,
    })
    .from(tasks)
    .where(
      and(
        eq(tasks.userId, userId),
        isNotNull(tasks.parentId),
        isNotNull(tasks.completedAt),
        eq(tasks.status, 'done'),
      ),
    )
    .orderBy(desc(tasks.completedAt))
    .limit(HISTORY_ROWS);
  const tracked = await trackedMinutesByTask(
    deps.db,
    userId,
    rows.map((r) => r.id),
  );
  return actualsFromCompletions(
    rows.map((r) => ({
      parentId: r.parentId!,
      title: r.title,
      estimateMinutes: r.estimateMinutes,
      completedAt: r.completedAt!,
      trackedMinutes: tracked.get(r.id) ?? null,
    })),
  );
}

const toAiShape = (steps: SplitStep[]) => ({
  steps: steps.map((s) => ({ title: s.title, minutes: s.estimateMinutes, energy: s.energy })),
});

/**
 * Proposes micro-steps for a task: through the AI router with a fixed schema when a provider
 * is configured (`auto` falls back to the offline splitter, with a notice, when AI is out of
 * budget, rate limited or unavailable), else the offline splitter; then calibrated by the
 * person's history. Nothing is stored except the ledger rows of the AI attempts.
 */
export async function previewSplit(
  deps: Deps,
  userId: string,
  raw: SplitPreviewInput,
): Promise<SplitPreview> {
  const input = splitPreviewInput.parse(raw);
  const task = await getTask(deps, userId, input.id);
  const complexity = analyseComplexity(task);
  const offlineSteps = splitTaskOffline(task, { spiciness: input.spiciness });

  let steps: SplitStep[] = offlineSteps;
  let source: SplitPreview['source'] = 'offline';
  let provider: string | null = null;
  let model: string | null = null;
  let notice: string | null = null;
  if (input.mode !== 'offline' && deps.ai) {
    try {
      const result = await deps.ai.generate({
        userId,
        purpose: 'splitting',
        schema: aiSplitOutputSchema,
        schemaName: 'task_steps',
        system: SPLIT_SYSTEM_PROMPT,
        prompt: buildSplitPrompt(task, input.spiciness, offlineSteps.length),
        offline: () => toAiShape(offlineSteps),
      });
      steps = result.data.steps.map((s) => ({
        title: s.title.replace(/\s+/g, ' '),
        estimateMinutes: s.minutes,
        energy: s.energy,
      }));
      source = result.kind === 'offline' ? 'offline' : 'ai';
      provider = result.provider;
      model = result.model;
    } catch (error) {
      const recoverable =
        error instanceof AiBudgetExceededError ||
        error instanceof AiRateLimitedError ||
        error instanceof AiUnavailableError;
      if (input.mode === 'ai' || !recoverable) throw error;
      notice = `${(error as DomainError).message} These steps were made offline instead.`;
    }
  }

  const calibrated = calibrateSteps(steps, await loadStepHistory(deps, userId));
  return {
    taskId: task.id,
    spiciness: input.spiciness,
    source,
    provider,
    model,
    complexity,
    calibration: calibrated.calibration,
    steps: calibrated.steps.map((s) => ({
      title: s.title,
      estimateMinutes: s.estimateMinutes,
      baseMinutes: s.baseMinutes,
      energy: s.energy,
    })),
    totalMinutes: calibrated.steps.reduce((sum, s) => sum + s.estimateMinutes, 0),
    notice,
  };
}

/**
 * Stores the edited steps as child tasks of the task, in order, in one transaction (with
 * `replaceExisting`, the unfinished steps from an earlier split go in the same transaction).
 */
export async function acceptSplit(
  deps: Pick<AppDeps, 'db' | 'now' | 'jobs'>,
  userId: string,
  raw: AcceptSplitInput,
): Promise<AcceptSplitOutput> {
  const input = acceptSplitInput.parse(raw);
  return deps.db.transaction(async (tx) => {
    // Lock the parent so two accepts of the same task line up instead of interleaving.
    const [parent] = await tx
      .select(taskColumns)
      .from(tasks)
      .where(and(eq(tasks.id, input.id), eq(tasks.userId, userId), notTrashed))
      .for('update');
    if (!parent) throw notFound('Task');
    if (parent.parentId) {
      throw new DomainError('BAD_REQUEST', 'A step cannot have steps of its own', {
        fieldErrors: { id: ['Split the task this step belongs to, or add steps to it'] },
      });
    }

    let removed = 0;
    let gone: (typeof parent)[] = [];
    if (input.replaceExisting) {
      gone = await tx
        .delete(tasks)
        .where(
          and(eq(tasks.parentId, parent.id), eq(tasks.userId, userId), ne(tasks.status, 'done')),
        )
        .returning(taskColumns);
      removed = gone.length;
    }

    const now = deps.now();
    if (Number.isNaN(now.getTime())) throw new DomainError('BAD_REQUEST', 'The clock is not set');
    for (const step of gone) await emitTaskDeleted(deps, tx, step);
    // New steps go after the ones that stay (finished ones, or all without replaceExisting), in
    // the order the person saw them; one millisecond apart too, for readers that sort by age.
    const kept = await listSteps({ db: tx }, userId, parent.id);
    const first = kept.reduce((max, s) => Math.max(max, s.position + 1), kept.length);
    const inserted = await tx
      .insert(tasks)
      .values(
        input.steps.map((step, i) => ({
          userId,
          parentId: parent.id,
          title: step.title,
          estimateMinutes: step.estimateMinutes ?? null,
          energy: step.energy ?? null,
          status: 'todo' as const,
          priority: parent.priority,
          tags: parent.tags,
          position: first + i,
          createdAt: new Date(now.getTime() + i),
          updatedAt: now,
        })),
      )
      .returning(taskColumns);

    const [updated] = await tx
      .update(tasks)
      .set({ complexity: parent.complexity ?? analyseComplexity(parent).score, updatedAt: now })
      .where(eq(tasks.id, parent.id))
      .returning(taskColumns);

    const steps = [...inserted].sort((a, b) => a.position - b.position);
    for (const step of steps) await emitTaskCreated(deps, tx, step);
    return { parent: updated!, steps, removed };
  });
}
