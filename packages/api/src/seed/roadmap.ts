import type { DelegationMode, Energy, TaskPriority } from '@proxy/core';
import { taskDependencies, tasks } from '@proxy/db/schema';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../context';

interface RoadmapTask {
  key: string;
  title: string;
  priority: TaskPriority;
  hours: number;
  mode: DelegationMode;
  dependsOn: string[];
  capabilities: string[];
  energy: Energy;
}

const be = (
  key: string,
  title: string,
  priority: TaskPriority,
  hours: number,
  dependsOn: string[],
): RoadmapTask => ({
  key,
  title,
  priority,
  hours,
  mode: key === 'BE-00' ? 'DO_WITH_ME' : 'DELEGATE',
  dependsOn,
  capabilities: ['typescript', 'postgresql'],
  energy: priority === 'urgent' || priority === 'high' ? 'high' : 'medium',
});
const fe = (key: string, title: string, hours: number, dependsOn: string[]): RoadmapTask => ({
  key,
  title,
  priority: 'medium',
  hours,
  mode: 'DELEGATE',
  dependsOn,
  capabilities: ['typescript', 'react'],
  energy: 'medium',
});

/**
 * The development tasks of the planning document, so the platform can manage its own building:
 * the 22 it seeds (BE-01..BE-15 and seven web views FE-01..FE-07, titles ours) plus BE-00 itself,
 * the delegation system this seed ships with, recorded as done. Dependencies follow its tree.
 */
export const ROADMAP: readonly RoadmapTask[] = [
  be('BE-00', 'Task Delegation System', 'urgent', 9, []),
  be('BE-01', 'Task Templates Service', 'high', 6, ['BE-00']),
  be('BE-02', 'User Pets Service (Gamification)', 'high', 8, ['BE-00']),
  be('BE-03', 'Enhanced Focus Sessions', 'medium', 5, ['BE-00']),
  be('BE-04', 'Gamification Enhancements', 'medium', 6, ['BE-00']),
  be('BE-05', 'Task Splitting Service', 'high', 6, ['BE-00']),
  be('BE-06', 'Analytics & Insights Service', 'medium', 6, ['BE-00']),
  be('BE-07', 'Notification System', 'medium', 5, ['BE-00']),
  be('BE-08', 'Social Sharing Service', 'medium', 4, ['BE-00']),
  be('BE-09', 'Export/Import Service', 'medium', 3, ['BE-00']),
  be('BE-10', 'Webhooks & Integrations', 'low', 6, ['BE-00']),
  be('BE-11', 'Creature Leveling Service', 'high', 8, ['BE-02']),
  be('BE-12', 'AI Creature Generation', 'low', 10, ['BE-11']),
  be('BE-13', 'ML Training Pipeline', 'low', 12, ['BE-06']),
  be('BE-14', 'Performance Monitoring', 'low', 4, ['BE-00']),
  be('BE-15', 'Integration Tests', 'low', 4, ['BE-00']),
  fe('FE-01', 'Scout: the triage inbox with filters and bulk 4D triage', 6, ['BE-00']),
  fe('FE-02', 'Mapper: board by delegation mode and status, drag to move', 6, ['BE-00']),
  fe('FE-03', 'Agents page: capabilities, load and the review queue', 4, ['BE-00']),
  fe('FE-04', 'Templates page: edit steps and instantiate', 4, ['BE-01']),
  fe('FE-05', 'Creature view: pets, leveling and evolution', 6, ['BE-02', 'BE-11']),
  fe('FE-06', 'Focus session timer and history', 4, ['BE-03']),
  fe('FE-07', 'Insights dashboard: streaks, patterns and predictions', 5, ['BE-06']),
];

export const roadmapTitle = (t: RoadmapTask) => `${t.key}: ${t.title}`;

/** Idempotent: tasks are matched by title among the user's meta tasks, edges by their key. */
export async function seedRoadmap(deps: Pick<AppDeps, 'db'>, userId: string) {
  const titles = ROADMAP.map(roadmapTitle);
  const existing = async () =>
    deps.db
      .select({ id: tasks.id, title: tasks.title })
      .from(tasks)
      .where(
        and(eq(tasks.userId, userId), eq(tasks.isMetaTask, true), inArray(tasks.title, titles)),
      );
  const have = new Set((await existing()).map((r) => r.title));
  const missing = ROADMAP.filter((t) => !have.has(roadmapTitle(t)));
  if (missing.length > 0) {
    await deps.db.insert(tasks).values(
      missing.map((t) => ({
        userId,
        title: roadmapTitle(t),
        notes: `From the backend task plan. Depends on: ${t.dependsOn.join(', ') || 'nothing'}.`,
        // BE-00 is the delegation system this seed ships with.
        status: t.key === 'BE-00' ? ('done' as const) : ('todo' as const),
        completedAt: t.key === 'BE-00' ? new Date('2026-11-21T00:00:00Z') : null,
        priority: t.priority,
        estimateMinutes: t.hours * 60,
        energy: t.energy,
        tags: ['roadmap', t.key.startsWith('BE') ? 'backend' : 'frontend'],
        isMetaTask: true,
        delegationMode: t.mode,
        requiredCapabilities: t.capabilities,
        complexity: t.hours >= 8 ? 4 : 3,
      })),
    );
  }
  const idByKey = new Map((await existing()).map((r) => [r.title.slice(0, 5), r.id]));
  const edges = ROADMAP.flatMap((t) =>
    t.dependsOn.map((d) => ({ userId, taskId: idByKey.get(t.key)!, dependsOnId: idByKey.get(d)! })),
  );
  const added = await deps.db
    .insert(taskDependencies)
    .values(edges)
    .onConflictDoNothing()
    .returning({ taskId: taskDependencies.taskId });
  return { createdTasks: missing.length, createdDependencies: added.length };
}
