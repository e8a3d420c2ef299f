import { handleTrpcRequest } from '@proxy/api';
import { apiRequestOptions } from '@/server/request-options';

export const dynamic = 'force-dynamic';

const handler = async (req: Request) => handleTrpcRequest(req, await apiRequestOptions());

export { handler as GET, handler as POST };
