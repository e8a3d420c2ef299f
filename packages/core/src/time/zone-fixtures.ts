import fc from 'fast-check';
import { DAY_MS } from './zone';

/** Test fixtures for timezone code: zones with odd offsets and instants near offset changes. */
export const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Sao_Paulo',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Pacific/Apia',
  'America/St_Johns',
] as const;

/** The oracle: ask Intl directly for the local wall clock of one instant. */
const formats = new Map<string, Intl.DateTimeFormat>();
export function intlLocal(timeZone: string, ms: number) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/** Instants near offset changes (and some anywhere), where calendars go wrong. */
export const DST_CHANGES = [
  Date.parse('2026-03-29T01:00:00Z'), // Berlin forward
  Date.parse('2026-10-25T01:00:00Z'), // Berlin back
  Date.parse('2026-03-08T07:00:00Z'), // New York forward
  Date.parse('2026-11-01T06:00:00Z'), // New York back
  Date.parse('2018-11-04T03:00:00Z'), // Sao Paulo forward at midnight
  Date.parse('2026-04-04T15:00:00Z'), // Lord Howe back half an hour
  Date.parse('2011-12-30T10:00:00Z'), // Apia skips a whole day
] as const;

export const instantArb = fc.oneof(
  fc
    .constantFrom(...DST_CHANGES)
    .chain((t) => fc.integer({ min: t - 2 * DAY_MS, max: t + 2 * DAY_MS })),
  fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }),
);
