import { createHash } from 'node:crypto';
import type { SourceKind } from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { facts, sources } from '@proxy/db/schema';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { SafeFetchError, safeFetch } from '../net/safe-fetch';

type Deps = Pick<AppDeps, 'now' | 'monitors'> & { db: DbOrTx };

export type Fact = typeof facts.$inferSelect;

/** The source row of an owner, kind and URL, created on first use. */
export async function upsertSource(
  deps: { db: DbOrTx },
  userId: string,
  source: { kind: SourceKind; url: string },
): Promise<string> {
  // Usually the row exists: one read. Created on first use; a concurrent creator wins the race
  // and its row is read back.
  const find = async () =>
    (
      await deps.db
        .select({ id: sources.id })
        .from(sources)
        .where(
          and(
            eq(sources.userId, userId),
            eq(sources.kind, source.kind),
            eq(sources.url, source.url),
          ),
        )
        .limit(1)
    )[0]?.id;
  const existing = await find();
  if (existing) return existing;
  const [inserted] = await deps.db
    .insert(sources)
    .values({ userId, kind: source.kind, url: source.url })
    .onConflictDoNothing({ target: [sources.userId, sources.kind, sources.url] })
    .returning({ id: sources.id });
  if (inserted) return inserted.id;
  const raced = await find();
  if (!raced) throw new Error('source row vanished between insert and select');
  return raced;
}

const ACCEPT: Record<SourceKind, string> = {
  json: 'application/json, */*;q=0.5',
  html: 'text/html, application/xhtml+xml, */*;q=0.5',
  feed: 'application/rss+xml, application/atom+xml, application/xml, text/xml, */*;q=0.5',
};

/**
 * The newest unexpired fact of a source, or a fresh fetch stored as a fact. Monitors of one owner
 * watching one URL share the fetch within factTtlMs; a failed fetch is stored as a fact too, so a
 * source that is down is asked once per TTL, not once per monitor.
 */
export async function getFact(
  deps: Deps,
  userId: string,
  source: { kind: SourceKind; url: string },
): Promise<Fact> {
  const sourceId = await upsertSource(deps, userId, source);
  const now = deps.now();
  const [fresh] = await deps.db
    .select()
    .from(facts)
    .where(and(eq(facts.sourceId, sourceId), gt(facts.expiresAt, now)))
    .orderBy(desc(facts.fetchedAt))
    .limit(1);
  if (fresh) return fresh;

  const cfg = deps.monitors.fetch;
  let row: Omit<typeof facts.$inferInsert, 'sourceId' | 'fetchedAt' | 'expiresAt'>;
  try {
    const res = await safeFetch(source.url, {
      timeoutMs: cfg.timeoutMs,
      maxBytes: cfg.maxBytes,
      allowHosts: cfg.allowHosts,
      ...(cfg.resolve ? { resolve: cfg.resolve } : {}),
      ...(cfg.ca ? { ca: cfg.ca } : {}),
      headers: { accept: ACCEPT[source.kind], 'user-agent': 'ProxyMonitor/1.0' },
    });
    const body = res.text();
    if (res.status >= 200 && res.status < 300) {
      row = {
        ok: true,
        httpStatus: res.status,
        contentType: res.contentType,
        body,
        bodySha256: createHash('sha256').update(res.body).digest('hex'),
        error: null,
      };
    } else {
      row = {
        ok: false,
        httpStatus: res.status,
        contentType: res.contentType,
        body: null,
        bodySha256: null,
        error: `the source answered HTTP ${res.status}`,
      };
    }
  } catch (error) {
    const message =
      error instanceof SafeFetchError
        ? `${error.message} (${error.reason})`
        : `the source could not be fetched: ${(error as Error).message}`;
    row = {
      ok: false,
      httpStatus: null,
      contentType: null,
      body: null,
      bodySha256: null,
      error: message,
    };
  }
  const fetchedAt = deps.now();
  const [stored] = await deps.db
    .insert(facts)
    .values({
      ...row,
      sourceId,
      fetchedAt,
      expiresAt: new Date(fetchedAt.getTime() + deps.monitors.factTtlMs),
    })
    .returning();
  return stored!;
}
