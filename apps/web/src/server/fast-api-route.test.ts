import { describe, expect, it } from 'vitest';
import { fastApiRoute } from './fast-api-route';

describe('fastApiRoute', () => {
  it('takes tRPC and REST calls, with or without a query', () => {
    expect(fastApiRoute('/api/trpc/tasks.list?input=%7B%7D')).toBe('trpc');
    expect(fastApiRoute('/api/trpc/tasks.list,tasks.get?batch=1')).toBe('trpc');
    expect(fastApiRoute('/api/v1/tasks?limit=50')).toBe('rest');
    expect(fastApiRoute('/api/v1/assignments/abc/accept')).toBe('rest');
  });

  it('leaves pages, Auth.js, MCP, calendar feeds and the OpenAPI document to Next', () => {
    for (const url of [
      '/',
      '/today',
      '/api/auth/session',
      '/api/auth/callback/credentials',
      '/api/mcp',
      '/api/calendar/token.ics',
      '/api/v1/openapi.json',
      '/api/trpc',
      '/api/v1',
      '/api/trpcx/tasks.list',
      '/docs/api',
    ]) {
      expect(fastApiRoute(url), url).toBeNull();
    }
  });
});
