import {
  appRouter,
  createAppDeps,
  createCallerFactory,
  createContext,
  loadAnalyticsRows,
} from '@proxy/api';

import { allJobContracts, openJobQueue } from '@proxy/api/jobs';
import { FOCUS_KINDS, focusAnalytics } from '@proxy/core';
import { focusEnergyCheckIns, focusSessions, users } from '@proxy/db/schema';
import { sql } from 'drizzle-orm';
import { fmt, openBenchDatabase } from './queue-bench';

/**
 * Focus analytics for one person with three years of sessions (about 5,000), three ways in the
 * same run: (a) core's `focusAnalytics` on rows already in memory, (b) the whole API call
 * (`focus.analytics` through createCaller: the query, the rows, core, output validation), and
 * (c) the baseline: one plain SQL aggregate computing the same figures in the database,
 * spreading each session's minutes over the local hours it spanned, as core does.
 */

const TZ = 'Europe/Berlin';
const SESSIONS = Number(process.env.FOCUS_BENCH_SESSIONS ?? 5_000);
const RUNS = Number(process.env.FOCUS_BENCH_RUNS ?? 15);

/** A seeded generator, so every run measures the same history. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ (t + t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function median(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

/** The same figures in SQL: per local day and hour, totals, energy, the best streak. */
const aggregateSql = (userId: string, now: Date) => sql`
  with s as (
    select f.id, f.started_at, f.ended_at, f.outcome,
           coalesce(f.fixed_minutes::float8, f.worked_ms / 60000.0) as minutes,
           (select energy from focus_energy_check_ins c where c.session_id = f.id and c.moment = 'before') as eb,
           (select energy from focus_energy_check_ins c where c.session_id = f.id and c.moment = 'after') as ea
    from focus_sessions f where f.user_id = ${userId} and f.started_at <= ${now.toISOString()}::timestamptz
  ),
  spread as (
    select s.*, greatest(minutes * 60000,
             least(extract(epoch from (coalesce(ended_at, started_at) - started_at)) * 1000, 86400000)) as spread_ms
    from s where minutes > 0
  ),
  pieces as (
    select (h at time zone ${TZ})::date as day, extract(hour from h at time zone ${TZ})::int as hour,
           sp.minutes / sp.spread_ms * extract(epoch from (
             least(sp.started_at + sp.spread_ms * interval '1 millisecond', h + interval '1 hour')
             - greatest(sp.started_at, h))) * 1000 as m
    from spread sp,
         generate_series(date_trunc('hour', sp.started_at),
                         sp.started_at + sp.spread_ms * interval '1 millisecond' - interval '1 microsecond',
                         interval '1 hour') as h
  ),
  days as (select day, sum(m) as minutes from pieces group by day),
  islands as (
    select day, day - (row_number() over (order by day))::int as grp from days where minutes >= 1
  )
  select
    (select count(*) from s)::int as sessions,
    (select count(*) from s where ended_at is not null)::int as ended,
    (select count(*) from s where outcome = 'completed')::int as completed,
    (select sum(minutes) from days)::float8 as focused,
    (select avg(minutes) from s where ended_at is not null)::float8 as average,
    (select hour from pieces group by hour order by sum(m) desc limit 1) as best_hour,
    (select max(n) from (select count(*) as n from islands group by grp) x)::int as best_streak,
    (select avg(eb)::float8 from s where eb is not null and ea is not null) as energy_before,
    (select avg(ea)::float8 from s where eb is not null and ea is not null) as energy_after,
    (select count(*) from days)::int as active_days
`;

export async function benchFocus(): Promise<void> {
  const db = await openBenchDatabase('focus');
  const queue = await openJobQueue(db.handle, { databaseUrl: db.url, contracts: allJobContracts });
  const now = new Date('2026-11-21T18:00:00Z');
  const deps = createAppDeps(db.handle.db, { jobs: queue.jobs, now: () => now });
  try {
    const [user] = await db.handle.db
      .insert(users)
      .values({
        email: 'focus-bench@example.com',
        passwordHash: 'x',
        displayName: 'Bench',
        handle: 'focus-bench',
        timezone: TZ,
      })
      .returning({ id: users.id });
    const userId = user!.id;

    // Three years, about 4-5 sessions on a day with focus, mostly daytime, a few past midnight.
    const rand = mulberry32(12);
    const first = now.getTime() - 3 * 365 * 86_400_000;
    const span = now.getTime() - first - 86_400_000;
    const rows: (typeof focusSessions.$inferInsert)[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const day = Math.floor(first + rand() * span);
      const start = new Date(day - (day % 3_600_000) + Math.floor(rand() * 3_600_000));
      const workedMs = Math.floor(5 + rand() * 85) * 60_000;
      const wall = workedMs + Math.floor(rand() * 20) * 60_000;
      const outcome = rand() < 0.7 ? 'completed' : rand() < 0.8 ? 'stopped' : 'abandoned';
      rows.push({
        userId,
        kind: FOCUS_KINDS[i % FOCUS_KINDS.length]!,
        settings: {
          kind: 'flowtime',
          breakRule: { type: 'share', percent: 20, minMinutes: 1 },
          hyperfocusNudgeMinutes: 60,
        },
        startedAt: start,
        lastMoveAt: new Date(start.getTime() + wall),
        endedAt: new Date(start.getTime() + wall),
        outcome,
        workedMs,
        fixedMinutes: rand() < 0.03 ? Math.floor(rand() * 60) : null,
      });
    }
    const ids: string[] = [];
    for (let at = 0; at < rows.length; at += 1_000) {
      const inserted = await db.handle.db
        .insert(focusSessions)
        .values(rows.slice(at, at + 1_000))
        .returning({ id: focusSessions.id });
      ids.push(...inserted.map((r) => r.id));
    }
    const checkIns: (typeof focusEnergyCheckIns.$inferInsert)[] = [];
    for (const id of ids) {
      if (rand() < 0.5) continue;
      const before = 1 + Math.floor(rand() * 5);
      checkIns.push({ sessionId: id, userId, moment: 'before', energy: before, at: now });
      checkIns.push({
        sessionId: id,
        userId,
        moment: 'after',
        energy: Math.min(5, Math.max(1, before + Math.floor(rand() * 3) - 1)),
        at: now,
      });
    }
    for (let at = 0; at < checkIns.length; at += 2_000) {
      await db.handle.db.insert(focusEnergyCheckIns).values(checkIns.slice(at, at + 2_000));
    }

    const caller = createCallerFactory(appRouter)(
      createContext({ deps, headers: new Headers(), getSessionUserId: async () => userId }),
    );
    const memRows = await loadAnalyticsRows(deps, userId, now);
    let core = focusAnalytics(memRows, { timeZone: TZ, now });
    const tCore = await median(RUNS, () => {
      core = focusAnalytics(memRows, { timeZone: TZ, now });
    });
    const tApi = await median(RUNS, () => caller.focus.analytics({}));
    type SqlRow = {
      sessions: number;
      ended: number;
      completed: number;
      focused: number;
      average: number;
      best_hour: number;
      best_streak: number;
      energy_before: number;
      energy_after: number;
      active_days: number;
    };
    let figures: SqlRow | undefined;
    const tSql = await median(RUNS, async () => {
      const result: unknown = await db.handle.db.execute(aggregateSql(userId, now));
      const list = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
      figures = list[0] as SqlRow;
    });

    const bestHour = core.bestHours.reduce((a, b) => (b.minutes > a.minutes ? b : a));
    const activeDays = core.days.filter((d) => d.minutes > 0).length;
    const f = figures!;
    const r2 = (n: number | null) =>
      n === null ? '–' : (Math.round(Number(n) * 100) / 100).toString();
    console.log(
      `\nFocus analytics, ${fmt(SESSIONS)} sessions over three years in ${TZ}, on ${db.label} (median of ${RUNS})`,
    );
    console.log('  figure                     core        SQL');
    const line = (name: string, a: unknown, b: unknown) =>
      console.log(`  ${name.padEnd(22)} ${String(a).padStart(10)} ${String(b).padStart(10)}`);
    line('sessions', core.totals.sessions, f.sessions);
    line('completed', core.totals.completed, f.completed);
    line('focused minutes', Math.round(core.totals.focusedMinutes), Math.round(Number(f.focused)));
    line('average minutes', r2(core.totals.averageMinutes), r2(f.average));
    line('days with focus', activeDays, f.active_days);
    line('best hour', bestHour.hour, f.best_hour);
    line('best streak (days)', core.streak.best, f.best_streak);
    line('energy before', r2(core.energy.averageBefore), r2(f.energy_before));
    line('energy after', r2(core.energy.averageAfter), r2(f.energy_after));
    console.log(`  (c) plain SQL aggregate (baseline): ${tSql.toFixed(1)} ms`);
    console.log(
      `  (a) core focusAnalytics on loaded rows: ${tCore.toFixed(1)} ms (${(tCore / tSql).toFixed(2)}× the SQL)`,
    );
    console.log(
      `  (b) through the API (load + core + output): ${tApi.toFixed(1)} ms (${(tApi / tSql).toFixed(2)}× the SQL)`,
    );
  } finally {
    await queue.close();
    await db.close();
  }
}
