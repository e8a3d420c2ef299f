import { openApiDocument } from '@proxy/api';

export function GET() {
  return Response.json(openApiDocument(), {
    headers: { 'cache-control': 'public, max-age=300' },
  });
}
