import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { ClientRequestSchema } from '@modelcontextprotocol/sdk/types.js';
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

/** The protocol's own request schemas, by method: the SDK's, so they stay in step with it. */
const REQUEST_SCHEMAS = new Map(ClientRequestSchema.options.map((o) => [o.shape.method.value, o]));

/**
 * The SDK parses a request's params inside its handler and answers a mismatch as -32603
 * (internal error). Bad params are the caller's mistake: -32602 (invalid params), naming the
 * field, before the server sees them. Anything that is not JSON-RPC is left to the transport.
 */
function invalidParams(body: string): Response | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const messages = Array.isArray(parsed) ? parsed : [parsed];
  const errors = [];
  for (const message of messages) {
    if (!message || typeof message !== 'object' || !('method' in message) || !('id' in message))
      continue;
    const schema = REQUEST_SCHEMAS.get(String(message.method) as never);
    if (!schema) continue;
    const result = schema.safeParse(message);
    if (result.success) continue;
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`);
    errors.push({
      jsonrpc: '2.0',
      id: message.id,
      error: {
        code: -32602,
        message: `Invalid params for ${String(message.method)}: ${issues.join('; ')}`,
        data: { issues },
      },
    });
  }
  if (errors.length === 0) return null;
  return Response.json(Array.isArray(parsed) ? errors : errors[0], { status: 400 });
}

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
  const body = await req.text();
  const refused = invalidParams(body);
  if (refused) return refused;
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
    return await transport.handleRequest(
      new Request(req.url, { method: req.method, headers: req.headers, body }),
    );
  } finally {
    // JSON responses are complete once returned; release the per-request server.
    void server.close();
  }
}
