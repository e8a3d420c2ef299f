import { generateOpenApiDocument } from 'trpc-to-openapi';
import { appRouter } from '../root';
import { allCreates } from './created';

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
  documentCreates(doc);
  if (baseUrl === REST_PREFIX) cached = doc;
  return doc;
}

type Document = ReturnType<typeof generateOpenApiDocument>;

/** A create's success answer is 201 with a `Location` (see `created.ts`), not the generator's 200. */
function documentCreates(doc: Document) {
  for (const create of allCreates()) {
    const operation = doc.paths?.[create.route]?.[create.method.toLowerCase() as 'post'];
    const ok = operation?.responses?.['200'];
    if (!operation?.responses || !ok || '$ref' in ok) continue;
    delete operation.responses['200'];
    operation.responses['201'] = {
      ...ok,
      description: `Created. \`Location\` is ${REST_PREFIX}${create.location}.`,
      headers: {
        Location: { description: 'The new resource', schema: { type: 'string' } },
      },
    };
  }
}
