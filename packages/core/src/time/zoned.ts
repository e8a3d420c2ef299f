/**
 * Wall-clock time in a person's IANA timezone, with nothing but `Intl`: the parts of an instant
 * there, and the instant of a wall-clock time there (one instant at a time: quiet hours, digests,
 * reminders). For bulk work over thousands of instants (analytics) use `zoneClock` in zone.ts,
 * which caches offsets. Daylight-saving days are the point: "07:00
 * tomorrow in Berlin" is found by the zone's own rules, never by adding 24 hours.
 */

export interface ZonedParts {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
}

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Whether the runtime knows the zone (`Europe/Berlin` yes, `Mars/Olympus` no). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock parts of an instant in a zone. */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const out: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of formatter(timeZone).formatToParts(at)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday ?? 'Sun'] ?? 0,
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in a zone. A time skipped by a spring-forward change
 * (02:30 that never happens) lands just after the gap; one that happens twice (autumn) takes the
 * first. Out-of-range fields roll over as Date.UTC does (day 32 is the next month's first).
 */
export function zonedToInstant(local: LocalDateTime, timeZone: string): Date {
  const wall = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour ?? 0,
    local.minute ?? 0,
    local.second ?? 0,
  );
  // The real instant is within 14 h of the wall time read as UTC; sampling the zone's offset a
  // day either side sees both offsets of any change nearby (changes are months apart).
  const offsets: number[] = [];
  for (const hours of [-28, -14, 0, 14, 28]) {
    const o = zoneOffsetMs(new Date(wall + hours * 3_600_000), timeZone);
    if (!offsets.includes(o)) offsets.push(o);
  }
  const fits = offsets
    .map((o) => wall - o)
    .filter((t) => t + zoneOffsetMs(new Date(t), timeZone) === wall)
    .sort((a, b) => a - b);
  if (fits[0] !== undefined) return new Date(fits[0]);
  // In a gap: no offset shows this wall time. The offset from before the change moves past it.
  return new Date(wall - (offsets[0] ?? 0));
}

/** The local calendar date (y, m, d) of an instant, shifted by whole days. */
export function zonedDate(at: Date, timeZone: string, addDays = 0): LocalDateTime {
  const p = zonedParts(at, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + addDays));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Midnight that starts the local day of an instant. */
export function startOfZonedDay(at: Date, timeZone: string): Date {
  return zonedToInstant(zonedDate(at, timeZone), timeZone);
}

/** `YYYY-MM-DD` of an instant's local day. */
export function zonedDayKey(at: Date, timeZone: string): string {
  const { year, month, day } = zonedDate(at, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
