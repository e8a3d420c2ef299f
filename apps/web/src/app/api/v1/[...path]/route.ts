import { handleRestRequest } from '@proxy/api';
import { apiRequestOptions } from '@/server/request-options';

export const dynamic = 'force-dynamic';

const handler = async (req: Request) => handleRestRequest(req, await apiRequestOptions());

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
