import { createHash, randomBytes } from 'node:crypto';
import { type ApiKeyScope, createApiKeyInput, DomainError } from '@proxy/core';
import { apiKeys } from '@proxy/db/schema';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../context';

const SECRET_PREFIX = 'pxy_';

export const hashApiKeySecret = (secret: string) =>
  createHash('sha256').update(secret).digest('hex');

const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** Creates a key and returns its secret this once; only its SHA-256 is kept. */
export async function createApiKey(
  deps: Pick<AppDeps, 'db'>,
  userId: string,
  raw: z.input<typeof createApiKeyInput>,
) {
  const input = createApiKeyInput.parse(raw);
  // 32 random bytes: a high-entropy secret, so a fast hash (not argon2) is the right store.
  const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
  const [row] = await deps.db
    .insert(apiKeys)
    .values({
      userId,
      name: input.name,
      prefix: secret.slice(0, 12),
      secretHash: hashApiKeySecret(secret),
      scopes: input.scopes,
    })
    .returning(publicColumns);
  return { ...row!, scopes: row!.scopes as ApiKeyScope[], secret };
}

export async function listApiKeys(deps: Pick<AppDeps, 'db'>, userId: string) {
  const rows = await deps.db
    .select(publicColumns)
    .from(apiKeys)
    .where(eq(apiKeys.userId, userId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => ({ ...r, scopes: r.scopes as ApiKeyScope[] }));
}

export async function revokeApiKey(deps: Pick<AppDeps, 'db' | 'now'>, userId: string, id: string) {
  const [row] = await deps.db
    .update(apiKeys)
    // An ISO string with a cast: drizzle's postgres.js driver does not serialise Dates in raw SQL.
    .set({
      revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${deps.now().toISOString()}::timestamptz)`,
    })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId)))
    .returning({ id: apiKeys.id });
  if (!row) throw new DomainError('NOT_FOUND', 'API key not found');
}

/** How stale `last_used_at` may get before a request writes it again (not a write per call). */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function authenticateApiKey(
  deps: Pick<AppDeps, 'db' | 'now'>,
  secret: string,
): Promise<{ id: string; userId: string; scopes: ApiKeyScope[] } | null> {
  if (!secret.startsWith(SECRET_PREFIX) || secret.length > 200) return null;
  const [key] = await deps.db
    .select({
      id: apiKeys.id,
      userId: apiKeys.userId,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.secretHash, hashApiKeySecret(secret)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!key) return null;
  const now = deps.now();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await deps.db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, key.id),
          or(
            isNull(apiKeys.lastUsedAt),
            lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)),
          ),
        ),
      );
  }
  return { id: key.id, userId: key.userId, scopes: key.scopes as ApiKeyScope[] };
}
