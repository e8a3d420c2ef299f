import {
  type CreateTemplateInput,
  createTemplateInput,
  DEFAULT_TEMPLATES,
  DomainError,
  instantiateTemplateInput,
  notFound,
  saveTaskAsTemplateInput,
  type Template,
  trashPurgeAt,
  type UpdateTemplateInput,
  updateTemplateInput,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { tasks, templateSteps, templates } from '@proxy/db/schema';
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../context';
import { emitTaskCreated } from '../tasks/events';
import { notTrashed, taskColumns } from '../tasks/service';

type Deps = Pick<AppDeps, 'now' | 'jobs'> & { db: DbOrTx };

/**
 * The five built-in templates, inserted once (matched by key, so running it again changes
 * nothing). Run by `pnpm db:seed` and lazily by the first templates list.
 */
export async function seedDefaultTemplates(deps: Pick<AppDeps, 'db'>) {
  let created = 0;
  for (const t of DEFAULT_TEMPLATES) {
    await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(templates)
        .values({ builtinKey: t.key, name: t.name, description: t.description, tags: t.tags })
        .onConflictDoNothing()
        .returning({ id: templates.id });
      if (!row) return;
      created += 1;
      await tx
        .insert(templateSteps)
        .values(t.steps.map((s, position) => ({ ...s, templateId: row.id, position })));
    });
  }
  return { created };
}

const seeded = new WeakSet<object>();
async function ensureDefaults(deps: Deps) {
  if (seeded.has(deps.db)) return;
  await seedDefaultTemplates(deps);
  seeded.add(deps.db);
}

/** Built-ins and the person's own, less what they put in the trash. */
const visibleTo = (userId: string) =>
  and(or(eq(templates.userId, userId), isNull(templates.userId)), isNull(templates.deletedAt));

export async function load(db: DbOrTx, where: ReturnType<typeof and>): Promise<Template[]> {
  const rows = await db
    .select()
    .from(templates)
    .where(where)
    .orderBy(asc(templates.name), asc(templates.id));
  if (rows.length === 0) return [];
  const steps = await db
    .select()
    .from(templateSteps)
    .where(
      inArray(
        templateSteps.templateId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(templateSteps.position));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    tags: r.tags,
    builtin: r.userId === null,
    steps: steps
      .filter((s) => s.templateId === r.id)
      .map((s) => ({
        id: s.id,
        position: s.position,
        title: s.title,
        estimateMinutes: s.estimateMinutes,
        energy: s.energy,
      })),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

export async function listTemplates(deps: Deps, userId: string) {
  await ensureDefaults(deps);
  return load(deps.db, visibleTo(userId));
}

export async function getTemplate(deps: Deps, userId: string, id: string): Promise<Template> {
  const [t] = await load(deps.db, and(eq(templates.id, id), visibleTo(userId)));
  if (!t) throw notFound('Template');
  return t;
}

type Steps = z.output<typeof createTemplateInput>['steps'];

async function writeSteps(tx: DbOrTx, templateId: string, steps: Steps) {
  await tx.delete(templateSteps).where(eq(templateSteps.templateId, templateId));
  if (steps.length === 0) return;
  await tx.insert(templateSteps).values(
    steps.map((s, position) => ({
      templateId,
      position,
      title: s.title,
      estimateMinutes: s.estimateMinutes ?? null,
      energy: s.energy ?? null,
    })),
  );
}

export async function createTemplate(deps: Deps, userId: string, raw: CreateTemplateInput) {
  const input = createTemplateInput.parse(raw);
  const now = deps.now();
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(templates)
      .values({
        userId,
        name: input.name,
        description: input.description ?? '',
        tags: input.tags ?? [],
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: templates.id });
    await writeSteps(tx, row!.id, input.steps);
    return row!.id;
  });
  return getTemplate(deps, userId, id);
}

async function ownTemplate(deps: Deps, userId: string, id: string) {
  const t = await getTemplate(deps, userId, id);
  if (t.builtin) {
    throw new DomainError(
      'FORBIDDEN',
      'Built-in templates are read-only: instantiate it, then save the task as your own template',
    );
  }
  return t;
}

export async function updateTemplate(deps: Deps, userId: string, raw: UpdateTemplateInput) {
  const { id, steps, ...fields } = updateTemplateInput.parse(raw);
  await ownTemplate(deps, userId, id);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(templates)
      .set({ ...fields, updatedAt: deps.now() })
      .where(and(eq(templates.id, id), eq(templates.userId, userId)));
    if (steps) await writeSteps(tx, id, steps);
  });
  return getTemplate(deps, userId, id);
}

/** To the trash (restorable for 30 days, then purged), or with `permanent` for good at once. */
export async function deleteTemplate(
  deps: Deps,
  userId: string,
  id: string,
  options: { permanent?: boolean } = {},
) {
  if (options.permanent) {
    const [row] = await deps.db
      .delete(templates)
      .where(and(eq(templates.id, id), eq(templates.userId, userId)))
      .returning({ id: templates.id });
    // A built-in (or someone else's) is refused with the usual reason.
    if (!row) await ownTemplate(deps, userId, id);
    return { id, trashed: false, purgeAt: null };
  }
  await ownTemplate(deps, userId, id);
  const now = deps.now();
  await deps.db
    .update(templates)
    .set({ deletedAt: now })
    .where(and(eq(templates.id, id), eq(templates.userId, userId), isNull(templates.deletedAt)));
  return { id, trashed: true, purgeAt: trashPurgeAt(now) };
}

/** A task named after the template, with one micro-step per template step, in order. */
export async function instantiateTemplate(
  deps: Deps,
  userId: string,
  raw: z.input<typeof instantiateTemplateInput>,
) {
  const input = instantiateTemplateInput.parse(raw);
  const t = await getTemplate(deps, userId, input.id);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [parent] = await tx
      .insert(tasks)
      .values({
        userId,
        title: input.title ?? t.name,
        notes: t.description,
        tags: t.tags,
        dueAt: input.dueAt ? new Date(input.dueAt) : null,
        estimateMinutes: t.steps.reduce((sum, s) => sum + (s.estimateMinutes ?? 0), 0) || null,
        createdAt: now,
        updatedAt: now,
      })
      .returning(taskColumns);
    await emitTaskCreated(deps, tx, parent!);
    const stepIds: string[] = [];
    // One millisecond apart, so "newest first" lists keep the template's order stable.
    for (const [i, s] of t.steps.entries()) {
      const [row] = await tx
        .insert(tasks)
        .values({
          userId,
          parentId: parent!.id,
          title: s.title,
          estimateMinutes: s.estimateMinutes,
          energy: s.energy,
          tags: t.tags,
          position: i,
          createdAt: new Date(now.getTime() + i + 1),
          updatedAt: now,
        })
        .returning(taskColumns);
      await emitTaskCreated(deps, tx, row!);
      stepIds.push(row!.id);
    }
    return { taskId: parent!.id, stepIds };
  });
}

/** Saves a task and its micro-steps (depth first, in their order) as a new template. */
export async function saveTaskAsTemplate(
  deps: Deps,
  userId: string,
  raw: z.input<typeof saveTaskAsTemplateInput>,
) {
  const input = saveTaskAsTemplateInput.parse(raw);
  const [root] = await deps.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.id, input.taskId), eq(tasks.userId, userId), notTrashed));
  if (!root) throw notFound('Task');
  const steps: Steps = [];
  const walk = async (parentId: string, depth: number) => {
    if (depth > 8 || steps.length >= 50) return;
    const children = await deps.db
      .select()
      .from(tasks)
      .where(and(eq(tasks.parentId, parentId), eq(tasks.userId, userId), notTrashed))
      .orderBy(asc(tasks.position), asc(tasks.createdAt), asc(tasks.id));
    for (const c of children) {
      if (steps.length >= 50) return;
      steps.push({ title: c.title, estimateMinutes: c.estimateMinutes, energy: c.energy });
      await walk(c.id, depth + 1);
    }
  };
  await walk(root.id, 0);
  return createTemplate(deps, userId, {
    name: input.name ?? root.title,
    description: root.notes.slice(0, 5000),
    tags: root.tags,
    steps,
  });
}
