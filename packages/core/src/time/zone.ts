import { DomainError } from '../errors';

/**
 * Local calendar arithmetic in an IANA timezone, with Intl as the only source of offsets (no date
 * library: Intl carries the tz database, and this is all the calendar we need).
 *
 * Asking Intl for every instant is slow (5-15 microseconds a call), so offsets are cached per
 * week of UTC time: the offset at each week's start, and when two neighbouring starts disagree,
 * the instant of the change found by bisection to the second. This relies on a zone changing its
 * offset at most once in any seven days, which holds for every zone (the shortest gaps, such as
 * Morocco's Ramadan pause, are weeks long). Three years of sessions cost a few hundred calls.
 *
 * Local days are numbered like epoch days (0 = 1970-01-01 in the zone's calendar), so "the next
 * day" is +1 whatever the day's length (23 or 25 hours across DST).
 */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** Offsets are probed once per this span (see above). */
const BLOCK_MS = 7 * DAY_MS;

type BlockOffsets = { start: number; end: number; changeAt: number | null };

export type ZoneClock = {
  readonly timeZone: string;
  /** UTC offset in ms at `ms` (local = utc + offset). */
  offsetAt(ms: number): number;
  /**
   * The instant the offset next changes after `ms`, or the end of the span the cache knows
   * about, whichever is first: a piece of time up to it has one offset.
   */
  nextCut(ms: number): number;
  /** Local day number of the instant. */
  dayOf(ms: number): number;
};

export function zoneClock(timeZone: string): ZoneClock {
  let format: Intl.DateTimeFormat;
  try {
    // "7/1/2026, 02:00:00": format() and its digits are three times cheaper than formatToParts.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new DomainError(
      'BAD_REQUEST',
      'Unknown timezone; use an IANA name such as Europe/Berlin',
    );
  }

  const intlOffset = (ms: number): number => {
    const [month = 1, day = 1, year = 1970, hour = 0, minute = 0, second = 0] = (
      format.format(ms).match(/\d+/g) ?? []
    ).map(Number);
    const wall = new Date(0);
    wall.setUTCFullYear(year, month - 1, day);
    wall.setUTCHours(hour, minute, second, 0);
    return wall.getTime() - (ms - mod(ms, 1000));
  };

  const starts = new Map<number, number>();
  const atStart = (block: number): number => {
    let offset = starts.get(block);
    if (offset === undefined) {
      offset = intlOffset(block * BLOCK_MS);
      starts.set(block, offset);
    }
    return offset;
  };

  const blocks = new Map<number, BlockOffsets>();
  const blockOffsets = (block: number): BlockOffsets => {
    let info = blocks.get(block);
    if (info) return info;
    const start = atStart(block);
    const end = atStart(block + 1);
    let changeAt: number | null = null;
    if (start !== end) {
      // First second with the new offset.
      let lo = block * BLOCK_MS;
      let hi = lo + BLOCK_MS;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (intlOffset(mid) === start) lo = mid;
        else hi = mid;
      }
      changeAt = hi;
    }
    info = { start, end, changeAt };
    blocks.set(block, info);
    return info;
  };

  const offsetAt = (ms: number): number => {
    const info = blockOffsets(Math.floor(ms / BLOCK_MS));
    return info.changeAt === null || ms < info.changeAt ? info.start : info.end;
  };

  return {
    timeZone,
    offsetAt,
    nextCut(ms) {
      const block = Math.floor(ms / BLOCK_MS);
      const info = blockOffsets(block);
      return info.changeAt !== null && info.changeAt > ms ? info.changeAt : (block + 1) * BLOCK_MS;
    },
    dayOf: (ms) => Math.floor((ms + offsetAt(ms)) / DAY_MS),
  };
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/**
 * Cut [from, to) at every local hour boundary (and offset change) and hand each piece to `visit`
 * with its local day and hour.
 */
export function eachLocalHour(
  clock: ZoneClock,
  from: number,
  to: number,
  visit: (day: number, hour: number, ms: number) => void,
): void {
  let t = from;
  while (t < to) {
    const offset = clock.offsetAt(t);
    const local = t + offset;
    let next = (Math.floor(local / HOUR_MS) + 1) * HOUR_MS - offset;
    const cut = clock.nextCut(t);
    if (cut < next) next = cut;
    if (to < next) next = to;
    visit(Math.floor(local / DAY_MS), Math.floor(mod(local, DAY_MS) / HOUR_MS), next - t);
    t = next;
  }
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => mod(day + 4, 7);

/** "YYYY-MM-DD" for a local day number. */
export const dayKey = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The local day number of "YYYY-MM-DD". */
export const dayFromKey = (key: string): number =>
  Math.floor(Date.parse(`${key}T00:00:00Z`) / DAY_MS);
