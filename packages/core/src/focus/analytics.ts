import { DomainError } from '../errors';
import { DAY_MS, dayFromKey, dayKey, eachLocalHour, weekdayOf, zoneClock } from '../time/zone';
import { FOCUS_KINDS, type FocusKind, MINUTE_MS } from './kinds';

/**
 * Session analytics from plain rows, in the person's timezone.
 *
 * A session's minutes are spread over the wall-clock hours it spanned, in proportion, rather
 * than put on the hour it started: a 9:30-11:30 deep work block is focus at 10 too, and a night
 * owl's 23:30-00:30 session is half on each day. Pauses and breaks inside it are not in a row, so
 * they are spread evenly; that is the best a row can say. Days and hours are local calendar ones,
 * so a DST day has 23 or 25 hours and the repeated hour counts twice into the same hour of day.
 */

export type FocusAnalyticsRow = {
  startedAt: Date;
  /** null while running. */
  endedAt: Date | null;
  /** Minutes worked (the session's work time, or the length the person fixed). */
  minutes: number;
  kind: FocusKind;
  completed: boolean;
  energyBefore: number | null;
  energyAfter: number | null;
};

export type FocusAnalyticsOptions = {
  timeZone: string;
  now: Date;
  /** First day (local "YYYY-MM-DD") of the series and totals; default: the first session's day. */
  from?: string;
  /** 0 = Sunday ... 6 = Saturday; default Monday. */
  weekStartsOn?: number;
  /** A day counts toward a streak with at least this much focus. */
  streakMinMinutes?: number;
};

export type FocusDay = { date: string; minutes: number; sessions: number };
export type FocusWeek = { weekStart: string; minutes: number; sessions: number };
export type FocusKindSummary = {
  kind: FocusKind;
  sessions: number;
  minutes: number;
  completionRate: number | null;
};

export type FocusAnalytics = {
  timeZone: string;
  from: string;
  to: string;
  totals: {
    /** Sessions started in the range. */
    sessions: number;
    /** Of those, ended (running ones have no outcome yet). */
    ended: number;
    completed: number;
    /** completed / ended; null with none ended. */
    completionRate: number | null;
    /** Focus inside the range's days (the sum of `days`). */
    focusedMinutes: number;
    /** Mean and median worked minutes of the ended sessions. */
    averageMinutes: number | null;
    medianMinutes: number | null;
  };
  /** Every day of the range, oldest first, days without focus included (charts need the gaps). */
  days: FocusDay[];
  weeks: FocusWeek[];
  /** Over the whole history, not only the range. */
  streak: {
    current: number;
    best: number;
    bestEndedOn: string | null;
    /** Whether today already counts; a streak is not broken until the day is over. */
    today: boolean;
  };
  /** Focused minutes per local hour of day, 0-23, over the range. */
  bestHours: { hour: number; minutes: number }[];
  energy: {
    /** Sessions with both check-ins. */
    checkIns: number;
    averageBefore: number | null;
    averageAfter: number | null;
    averageChange: number | null;
    better: number;
    same: number;
    worse: number;
  };
  byKind: FocusKindSummary[];
};

/** A session spread over more than a day is a data error; spread it over one day at most. */
const MAX_SPREAD_MS = DAY_MS;

const round = (n: number, places: number) => {
  const f = 10 ** places;
  return Math.round(n * f) / f;
};
const minutes1 = (n: number) => round(n, 1);

export function focusAnalytics(
  rows: readonly FocusAnalyticsRow[],
  options: FocusAnalyticsOptions,
): FocusAnalytics {
  const clock = zoneClock(options.timeZone);
  const weekStartsOn = options.weekStartsOn ?? 1;
  const threshold = options.streakMinMinutes ?? 1;
  const nowMs = options.now.getTime();
  if (!Number.isFinite(nowMs)) throw new DomainError('BAD_REQUEST', 'now must be a valid time');
  const today = clock.dayOf(nowMs);

  let firstDay = today;
  const startDays = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const d = clock.dayOf(rows[i]!.startedAt.getTime());
    startDays[i] = d;
    if (d < firstDay) firstDay = d;
  }
  const fromDay = options.from === undefined ? firstDay : dayFromKey(options.from);
  if (!Number.isFinite(fromDay)) {
    throw new DomainError('BAD_REQUEST', 'from must be a date, e.g. 2026-11-21');
  }
  const base = Math.min(firstDay, fromDay);
  const span = today - base + 1;
  const dayMinutes = new Float64Array(Math.max(span, 0));
  const daySessions = new Uint32Array(Math.max(span, 0));
  const hours = new Float64Array(24);

  let sessions = 0;
  let ended = 0;
  let completed = 0;
  const lengths: number[] = [];
  let lengthSum = 0;
  let checkIns = 0;
  let beforeSum = 0;
  let afterSum = 0;
  let better = 0;
  let same = 0;
  let worse = 0;
  const kinds = new Map<
    FocusKind,
    { sessions: number; minutes: number; ended: number; completed: number }
  >(FOCUS_KINDS.map((k) => [k, { sessions: 0, minutes: 0, ended: 0, completed: 0 }]));

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const start = row.startedAt.getTime();
    const startDay = startDays[i]!;
    if (startDay <= today) daySessions[startDay - base]! += 1;

    const workMs = Math.max(0, row.minutes) * MINUTE_MS;
    if (workMs > 0) {
      const wall = row.endedAt === null ? 0 : row.endedAt.getTime() - start;
      const spread = Math.max(workMs, Math.min(wall, MAX_SPREAD_MS));
      const rate = row.minutes / spread;
      eachLocalHour(clock, start, start + spread, (day, hour, ms) => {
        if (day < base || day > today) return;
        const m = ms * rate;
        dayMinutes[day - base]! += m;
        if (day >= fromDay) hours[hour]! += m;
      });
    }

    if (startDay < fromDay || startDay > today) continue;
    sessions++;
    const k = kinds.get(row.kind);
    if (k) {
      k.sessions++;
      k.minutes += row.minutes;
    }
    if (row.endedAt !== null) {
      ended++;
      lengths.push(row.minutes);
      lengthSum += row.minutes;
      if (k) k.ended++;
      if (row.completed) {
        completed++;
        if (k) k.completed++;
      }
    }
    if (row.energyBefore !== null && row.energyAfter !== null) {
      checkIns++;
      beforeSum += row.energyBefore;
      afterSum += row.energyAfter;
      if (row.energyAfter > row.energyBefore) better++;
      else if (row.energyAfter < row.energyBefore) worse++;
      else same++;
    }
  }

  const days: FocusDay[] = [];
  let focused = 0;
  for (let d = fromDay; d <= today; d++) {
    const m = dayMinutes[d - base]!;
    focused += m;
    days.push({ date: dayKey(d), minutes: minutes1(m), sessions: daySessions[d - base]! });
  }

  const weeks: FocusWeek[] = [];
  let weekMinutes = 0;
  for (let d = fromDay; d <= today; d++) {
    if (d === fromDay || weekdayOf(d) === weekStartsOn) {
      if (weeks.length > 0) weeks.at(-1)!.minutes = minutes1(weekMinutes);
      const weekStart = d - ((weekdayOf(d) - weekStartsOn + 7) % 7);
      weeks.push({ weekStart: dayKey(weekStart), minutes: 0, sessions: 0 });
      weekMinutes = 0;
    }
    weekMinutes += dayMinutes[d - base]!;
    weeks.at(-1)!.sessions += daySessions[d - base]!;
  }
  if (weeks.length > 0) weeks.at(-1)!.minutes = minutes1(weekMinutes);

  lengths.sort((a, b) => a - b);
  const mid = lengths.length >> 1;
  const median =
    lengths.length === 0
      ? null
      : lengths.length % 2 === 1
        ? lengths[mid]!
        : (lengths[mid - 1]! + lengths[mid]!) / 2;

  return {
    timeZone: options.timeZone,
    from: dayKey(fromDay),
    to: dayKey(today),
    totals: {
      sessions,
      ended,
      completed,
      completionRate: ended === 0 ? null : round(completed / ended, 4),
      focusedMinutes: minutes1(focused),
      averageMinutes: ended === 0 ? null : minutes1(lengthSum / ended),
      medianMinutes: median === null ? null : minutes1(median),
    },
    days,
    weeks,
    streak: streaks(dayMinutes, base, today, threshold),
    bestHours: Array.from(hours, (m, hour) => ({ hour, minutes: minutes1(m) })),
    energy: {
      checkIns,
      averageBefore: checkIns === 0 ? null : round(beforeSum / checkIns, 2),
      averageAfter: checkIns === 0 ? null : round(afterSum / checkIns, 2),
      averageChange: checkIns === 0 ? null : round((afterSum - beforeSum) / checkIns, 2),
      better,
      same,
      worse,
    },
    byKind: FOCUS_KINDS.map((kind) => {
      const k = kinds.get(kind)!;
      return {
        kind,
        sessions: k.sessions,
        minutes: minutes1(k.minutes),
        completionRate: k.ended === 0 ? null : round(k.completed / k.ended, 4),
      };
    }),
  };
}

function streaks(
  dayMinutes: Float64Array,
  base: number,
  today: number,
  threshold: number,
): FocusAnalytics['streak'] {
  const focusedOn = (d: number) => d >= base && d <= today && dayMinutes[d - base]! >= threshold;
  let best = 0;
  let bestEnd: number | null = null;
  let run = 0;
  for (let d = base; d <= today; d++) {
    run = focusedOn(d) ? run + 1 : 0;
    if (run > best) {
      best = run;
      bestEnd = d;
    }
  }
  const todayCounts = focusedOn(today);
  let current = 0;
  for (let d = todayCounts ? today : today - 1; focusedOn(d); d--) current++;
  return {
    current,
    best,
    bestEndedOn: bestEnd === null ? null : dayKey(bestEnd),
    today: todayCounts,
  };
}
