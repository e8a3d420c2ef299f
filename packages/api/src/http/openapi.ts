import { generateOpenApiDocument } from 'trpc-to-openapi';
import { appRouter } from '../root';

export const REST_PREFIX = '/api/v1';

let cached: ReturnType<typeof generateOpenApiDocument> | undefined;

/** The OpenAPI 3.1 document of every procedure that has a REST path. */
export function openApiDocument(baseUrl = REST_PREFIX) {
  if (cached && baseUrl === REST_PREFIX) return cached;
  const doc = generateOpenApiDocument(appRouter, {
    title: 'Proxy API',
    description:
      'Tasks and accounts for people and agents. Authenticate with `Authorization: Bearer <api key>` (create keys in Settings). Keys with the `read` scope may call GET; `write` may also change data.',
    version: '1.0.0',
    baseUrl,
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'An API key from Settings' },
    },
  });
  if (baseUrl === REST_PREFIX) cached = doc;
  return doc;
}
