import type { ApiKeyScope } from './schema';

/**
 * What each kind of procedure needs from an API key. `write` implies reading; `agent` is its own
 * grant for agent-only procedures. A browser session is the user and may do everything.
 */
export type Access = 'read' | 'write' | 'agent';

export function scopesAllow(scopes: readonly ApiKeyScope[], access: Access): boolean {
  if (access === 'read') return scopes.includes('read') || scopes.includes('write');
  return scopes.includes(access);
}
