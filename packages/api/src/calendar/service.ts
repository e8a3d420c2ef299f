import { randomBytes } from 'node:crypto';
import { DAY_MS, isValidTimezone, MINUTE_MS } from '@proxy/core';
import { calendarFeeds, focusPlannedBlocks, tasks, users } from '@proxy/db/schema';
import { and, asc, eq, gte, isNotNull, isNull, notInArray } from 'drizzle-orm';
import ical from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import type { AppDeps } from '../context';
import { SecretBoxUnavailableError, sha256Hex } from '../secrets/box';

type Deps = Pick<AppDeps, 'db' | 'now' | 'secrets' | 'publicUrl'>;

/** How often subscribed calendars are asked to fetch again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const CALENDAR_REFRESH_SECONDS = 60 * 60;
/** Events from this long ago on: the recent past stays visible, old history is left out. */
export const CALENDAR_PAST_DAYS = 30;
/** Per kind (tasks, focus blocks): a feed clients fetch hourly stays small. */
export const CALENDAR_MAX_EVENTS_PER_KIND = 1000;
/** A task without an estimate shows as this long. */
export const CALENDAR_DEFAULT_TASK_MINUTES = 30;

/** 32 random bytes in base64url: 43 characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const feedUrl = (deps: Pick<Deps, 'publicUrl'>, token: string) =>
  `${deps.publicUrl.replace(/\/+$/, '')}/api/calendar/${token}.ics`;

export interface CalendarFeedInfo {
  /** The private feed URL; null before one is made (or if its token can no longer be read). */
  url: string | null;
  createdAt: Date | null;
}

/** The person's feed URL, rebuilt from the sealed token, or nulls when there is none. */
export async function calendarFeedInfo(deps: Deps, userId: string): Promise<CalendarFeedInfo> {
  const [row] = await deps.db
    .select({ tokenCiphertext: calendarFeeds.tokenCiphertext, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId));
  if (!row) return { url: null, createdAt: null };
  try {
    return { url: feedUrl(deps, deps.secrets.open(row.tokenCiphertext)), createdAt: row.createdAt };
  } catch (error) {
    if (error instanceof SecretBoxUnavailableError) throw error;
    // Sealed under another AUTH_SECRET: the feed still answers, but only a new URL can be shown.
    return { url: null, createdAt: row.createdAt };
  }
}

/** A new secret URL; the old one (if any) stops answering at once. */
export async function regenerateCalendarFeed(deps: Deps, userId: string): Promise<{ url: string }> {
  const token = randomBytes(32).toString('base64url');
  const values = {
    tokenHash: sha256Hex(token),
    tokenCiphertext: deps.secrets.seal(token),
    createdAt: deps.now(),
    lastFetchedAt: null,
  };
  await deps.db
    .insert(calendarFeeds)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: values });
  return { url: feedUrl(deps, token) };
}

/** Turns the feed off: its URL stops answering. Answers whether there was one. */
export async function revokeCalendarFeed(
  deps: Deps,
  userId: string,
): Promise<{ revoked: boolean }> {
  const deleted = await deps.db
    .delete(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId))
    .returning({ userId: calendarFeeds.userId });
  return { revoked: deleted.length > 0 };
}

/**
 * The iCalendar text of the feed a token opens, or null for a token that opens none (the caller
 * answers 404 and says nothing more). Looked up by the token's hash; notes the fetch.
 */
export async function calendarFeedByToken(deps: Deps, token: string): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [feed] = await deps.db
    .select({ userId: calendarFeeds.userId, timezone: users.timezone })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.tokenHash, sha256Hex(token)));
  if (!feed) return null;
  const now = deps.now();
  await deps.db
    .update(calendarFeeds)
    .set({ lastFetchedAt: now })
    .where(eq(calendarFeeds.userId, feed.userId));
  return buildFeed(deps, feed.userId, feedTimezone(feed.timezone), now);
}

let knownZones: Set<string> | undefined;

/** The person's zone when both Intl and the VTIMEZONE library know it; otherwise UTC. */
function feedTimezone(timezone: string): string {
  if (timezone === 'UTC' || !isValidTimezone(timezone)) return 'UTC';
  knownZones ??= new Set(tzlib_get_timezones() as string[]);
  return knownZones.has(timezone) ? timezone : 'UTC';
}

function vtimezone(timezone: string): string | null {
  const block = tzlib_get_ical_block(timezone);
  return Array.isArray(block) && block[0] ? block[0] : null;
}

async function buildFeed(deps: Deps, userId: string, timezone: string, now: Date) {
  const from = new Date(now.getTime() - CALENDAR_PAST_DAYS * DAY_MS);
  const [dueTasks, blocks] = await Promise.all([
    deps.db
      .select({
        id: tasks.id,
        title: tasks.title,
        notes: tasks.notes,
        dueAt: tasks.dueAt,
        estimateMinutes: tasks.estimateMinutes,
        updatedAt: tasks.updatedAt,
      })
      .from(tasks)
      .where(
        and(
          eq(tasks.userId, userId),
          notInArray(tasks.status, ['done', 'archived']),
          isNull(tasks.deletedAt),
          isNotNull(tasks.dueAt),
          gte(tasks.dueAt, from),
        ),
      )
      .orderBy(asc(tasks.dueAt), asc(tasks.id))
      .limit(CALENDAR_MAX_EVENTS_PER_KIND),
    deps.db
      .select({
        id: focusPlannedBlocks.id,
        title: focusPlannedBlocks.title,
        taskId: focusPlannedBlocks.taskId,
        taskTitle: tasks.title,
        startsAt: focusPlannedBlocks.startsAt,
        durationMinutes: focusPlannedBlocks.durationMinutes,
        createdAt: focusPlannedBlocks.createdAt,
      })
      .from(focusPlannedBlocks)
      // The task's owner is checked too, so a block never shows another person's task title.
      .leftJoin(
        tasks,
        and(eq(tasks.id, focusPlannedBlocks.taskId), eq(tasks.userId, focusPlannedBlocks.userId)),
      )
      .where(and(eq(focusPlannedBlocks.userId, userId), gte(focusPlannedBlocks.startsAt, from)))
      .orderBy(asc(focusPlannedBlocks.startsAt), asc(focusPlannedBlocks.id))
      .limit(CALENDAR_MAX_EVENTS_PER_KIND),
  ]);

  const zoned = timezone !== 'UTC';
  // A plain Date would be written in the server's own local time after TZID=; a Luxon DateTime
  // is written in the event's zone (the calendar test runs the server in other zones to hold it).
  const at = (instant: Date) =>
    zoned ? DateTime.fromJSDate(instant, { zone: timezone }) : instant;
  const web = deps.publicUrl.replace(/\/+$/, '');

  const calendar = ical({
    name: 'Proxy',
    description: 'Your tasks with due dates and your planned focus blocks',
    prodId: { company: 'Proxy', product: 'Proxy calendar feed', language: 'EN' },
    // The zone's name stays off the calendar itself: ical-generator would then write DTSTAMP in
    // local time, where RFC 5545 wants UTC. Events carry the TZID, and the VTIMEZONE is written
    // for every zone an event uses; X-WR-TIMEZONE tells Google and Outlook the calendar's zone.
    timezone: { name: null, generator: vtimezone },
    x: { 'X-WR-TIMEZONE': timezone },
    ttl: CALENDAR_REFRESH_SECONDS,
  });

  for (const task of dueTasks) {
    const dueAt = task.dueAt!;
    const minutes = task.estimateMinutes || CALENDAR_DEFAULT_TASK_MINUTES;
    calendar.createEvent({
      id: `task-${task.id}@proxy`,
      summary: task.title,
      description: task.notes || null,
      start: at(dueAt),
      end: at(new Date(dueAt.getTime() + minutes * MINUTE_MS)),
      timezone: zoned ? timezone : null,
      stamp: now,
      lastModified: task.updatedAt,
      url: `${web}/focus?task=${task.id}`,
    });
  }
  for (const block of blocks) {
    calendar.createEvent({
      id: `focus-block-${block.id}@proxy`,
      summary: `Focus: ${block.title || block.taskTitle || 'focus block'}`,
      start: at(block.startsAt),
      end: at(new Date(block.startsAt.getTime() + block.durationMinutes * MINUTE_MS)),
      timezone: zoned ? timezone : null,
      stamp: now,
      lastModified: block.createdAt,
      url: block.taskTitle ? `${web}/focus?task=${block.taskId}` : `${web}/focus`,
    });
  }
  return calendar.toString();
}
