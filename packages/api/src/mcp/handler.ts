import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { authenticateApiKey } from '../api-keys/service';
import type { AppDeps } from '../context';
import { createMcpServer } from './server';

const unauthorized = (message: string, status = 401) =>
  new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message }, id: null }), {
    status,
    headers: {
      'content-type': 'application/json',
      ...(status === 401 ? { 'www-authenticate': 'Bearer realm="proxy"' } : {}),
    },
  });

/**
 * `/api/mcp`: MCP over streamable HTTP, stateless (a server and transport per request, so any
 * replica can answer), authenticated by an API key with the `agent` scope.
 */
export async function handleMcpRequest(req: Request, deps: AppDeps): Promise<Response> {
  if (req.method !== 'POST') {
    // Stateless: no server-initiated stream (GET) and no session to end (DELETE).
    return new Response(
      JSON.stringify({
        jsonrpc: '2.0',
        error: { code: -32000, message: 'Method not allowed' },
        id: null,
      }),
      { status: 405, headers: { 'content-type': 'application/json', allow: 'POST' } },
    );
  }
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get('authorization') ?? '');
  if (!match?.[1]) return unauthorized('Send Authorization: Bearer <api key with the agent scope>');
  const key = await authenticateApiKey(deps, match[1]);
  if (!key) return unauthorized('The API key is not valid');
  if (!key.scopes.includes('agent')) {
    return unauthorized('This needs an API key with the "agent" scope', 403);
  }
  const server = createMcpServer(deps, {
    via: 'apiKey',
    userId: key.userId,
    keyId: key.id,
    scopes: key.scopes,
  });
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(req);
  } finally {
    // JSON responses are complete once returned; release the per-request server.
    void server.close();
  }
}
