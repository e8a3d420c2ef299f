import { initialMonitorState, type MonitorPlanInput, monitorPlanSchema } from '@proxy/core';
import type { Database } from '@proxy/db';
import { monitorSources, monitors, sources } from '@proxy/db/schema';

export interface MonitorSeed {
  /** A JSON source URL; the value is read at `jsonPath`. */
  url: string;
  jsonPath?: string;
  op?: 'below' | 'above' | 'at_most' | 'at_least';
  value?: number;
  intervalMinutes?: 5 | 15 | 60 | 360;
  status?: 'active' | 'paused' | 'error';
  nextRunAt?: Date | null;
  notifyEmail?: boolean;
  name?: string;
}

/**
 * Monitors written straight to the tables, for tests and benchmarks that need many at once or a
 * precise schedule: a JSON source with a threshold condition each, their source rows (shared per
 * URL) and links, in one statement per table and chunk. Returns the ids in the seeds' order.
 */
export async function insertMonitors(
  db: Database,
  userId: string,
  seeds: MonitorSeed[],
): Promise<string[]> {
  const ids: string[] = [];
  const sourceIds = new Map<string, string>();
  for (let at = 0; at < seeds.length; at += 1000) {
    const chunk = seeds.slice(at, at + 1000);
    const urls = [...new Set(chunk.map((s) => s.url))].filter((u) => !sourceIds.has(u));
    if (urls.length > 0) {
      const rows = await db
        .insert(sources)
        .values(urls.map((url) => ({ userId, kind: 'json' as const, url })))
        .onConflictDoNothing()
        .returning({ id: sources.id, url: sources.url });
      for (const r of rows) sourceIds.set(r.url, r.id);
    }
    const inserted = await db
      .insert(monitors)
      .values(
        chunk.map((s, i) => {
          const plan: MonitorPlanInput = {
            sources: [{ kind: 'json', url: s.url, jsonPath: s.jsonPath ?? '$.value' }],
            condition: {
              type: 'threshold',
              op: s.op ?? 'above',
              value: s.value ?? 100,
              unit: 'number',
              currency: null,
            },
          };
          return {
            userId,
            name: s.name ?? `Monitor ${at + i + 1}`,
            prompt: `Tell me when the value is ${s.op ?? 'above'} ${s.value ?? 100}`,
            plan: monitorPlanSchema.parse(plan),
            planOrigin: 'user',
            intervalMinutes: s.intervalMinutes ?? 5,
            status: s.status ?? 'active',
            notifyEmail: s.notifyEmail ?? false,
            state: initialMonitorState(),
            nextRunAt: s.nextRunAt === undefined ? null : s.nextRunAt,
          };
        }),
      )
      .returning({ id: monitors.id });
    await db.insert(monitorSources).values(
      inserted.map((m, i) => ({
        monitorId: m.id,
        sourceId: sourceIds.get(chunk[i]!.url)!,
        position: 0,
      })),
    );
    ids.push(...inserted.map((m) => m.id));
  }
  return ids;
}
