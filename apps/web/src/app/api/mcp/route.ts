import { handleMcpRequest } from '@proxy/api';
import { appDeps } from '@/server/db';

export const dynamic = 'force-dynamic';

/** MCP for agents: streamable HTTP, stateless, authenticated by an agent-scoped API key. */
const handler = async (req: Request) => handleMcpRequest(req, await appDeps());

export { handler as DELETE, handler as GET, handler as POST };
