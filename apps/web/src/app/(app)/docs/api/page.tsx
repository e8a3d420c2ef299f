import { openApiDocument } from '@proxy/api';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { TableScroll } from '@/components/table-scroll';
import { apiReferenceView, type FieldRow } from '@/lib/openapi-view';
import { OpenSections } from './open-sections';

export const metadata: Metadata = { title: 'API reference' };

const TAG_INTROS: Record<string, string> = {
  tasks: 'Everything on your list. Dates are ISO 8601 with an offset, e.g. 2026-11-21T17:00:00Z.',
  profile: 'Your own account: who you are and how Proxy shows you.',
  auth: 'Creating accounts. Sessions belong to the web app; programs use API keys.',
};

/** Tags people look for first; any others follow in the document's order. */
const TAG_ORDER = ['tasks', 'profile', 'auth'];
const tagRank = (tag: string) => {
  const index = TAG_ORDER.indexOf(tag);
  return index === -1 ? TAG_ORDER.length : index;
};

const endpointCount = (n: number) => `${n} endpoint${n === 1 ? '' : 's'}`;

/** Descriptions use `backticks` for code; render those, leave everything else as text. */
function InlineCode({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <>
      {text
        .split(/(`[^`]+`)/)
        .map((part, index) =>
          part.startsWith('`') && part.endsWith('`') && part.length > 2 ? (
            <code key={index}>{part.slice(1, -1)}</code>
          ) : (
            part
          ),
        )}
    </>
  );
}

async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? (host.startsWith('localhost') ? 'http' : 'https');
  return `${proto}://${host}`;
}

function FieldTable({ rows, caption }: { rows: FieldRow[]; caption: string }) {
  if (rows.length === 0) return null;
  const showLocation = rows.some((r) => r.location === 'path' || r.location === 'query');
  return (
    <TableScroll label={caption}>
      <table className="schema-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            {showLocation ? <th scope="col">In</th> : null}
            <th scope="col">Type</th>
            <th scope="col">Required</th>
            <th scope="col">Rules</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.location}-${row.name}`}>
              <td>{row.name}</td>
              {showLocation ? <td>{row.location}</td> : null}
              <td>{row.type}</td>
              <td>{row.required ? 'yes' : 'no'}</td>
              <td>{[row.description, ...row.constraints].filter(Boolean).join('; ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

// The document is fixed for the life of the server: build its view (and the tag order) once.
let cached:
  | { view: ReturnType<typeof apiReferenceView>; tags: ReturnType<typeof apiReferenceView>['tags'] }
  | undefined;
function referenceView() {
  if (!cached) {
    const view = apiReferenceView(openApiDocument());
    cached = { view, tags: [...view.tags].sort((a, b) => tagRank(a.tag) - tagRank(b.tag)) };
  }
  return cached;
}

export default async function ApiReferencePage() {
  const { view, tags } = referenceView();
  const base = `${await origin()}${view.baseUrl}`;
  return (
    <article>
      <div className="page-header">
        <h1>API reference</h1>
        <a href="/api/v1/openapi.json">OpenAPI document (JSON)</a>
      </div>
      <section className="card" aria-labelledby="auth-intro">
        <h2 id="auth-intro">Authentication</h2>
        <p>
          <InlineCode text={view.description} />
        </p>
        <p>
          Create a key in <a href="/settings">Settings → API keys</a>, then send it as a Bearer
          token. Every request is scoped to the key owner&apos;s data. Errors come back as JSON with
          a <code>message</code> and, for bad input, the problems per field.
        </p>
        {/* A scrollable region: focusable so the keyboard can scroll it too. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
        <pre tabIndex={0}>
          <code>{`curl -H "Authorization: Bearer $PROXY_API_KEY" \\
  "${base}/tasks?status=inbox&limit=20"

curl -X POST -H "Authorization: Bearer $PROXY_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"title":"Call the dentist","tags":["health"]}' \\
  "${base}/tasks"`}</code>
        </pre>
        <p className="muted" style={{ margin: 0 }}>
          Base URL: <code>{base}</code> · Version {view.version}
        </p>
      </section>

      <nav className="card doc-toc" aria-labelledby="doc-toc-title">
        <h2 id="doc-toc-title">Contents</h2>
        <p className="muted">
          One section per part of the API; open one here, or all of them at once.
        </p>
        <ol>
          {tags.map((group) => (
            <li key={group.tag}>
              <a href={`#tag-${group.tag}`} style={{ textTransform: 'capitalize' }}>
                {group.tag}
              </a>{' '}
              <span className="muted">({endpointCount(group.endpoints.length)})</span>
            </li>
          ))}
        </ol>
        <OpenSections />
      </nav>

      {tags.map((group) => (
        <details key={group.tag} className="doc-tag" id={`tag-${group.tag}`}>
          <summary className="doc-tag-summary">
            <h2 className="doc-tag-title" style={{ textTransform: 'capitalize' }}>
              {group.tag}
            </h2>
            <span className="muted">{endpointCount(group.endpoints.length)}</span>
          </summary>
          {TAG_INTROS[group.tag] ? <p className="lede">{TAG_INTROS[group.tag]}</p> : null}
          <ul className="doc-tag-index" aria-label={`${group.tag} endpoints`}>
            {group.endpoints.map((endpoint) => (
              <li key={endpoint.id}>
                <a href={`#${endpoint.id}`}>
                  <span className={`method method-${endpoint.method.toLowerCase()}`}>
                    {endpoint.method}
                  </span>{' '}
                  <span className="endpoint-path">{endpoint.path}</span>
                </a>
              </li>
            ))}
          </ul>
          {group.endpoints.map((endpoint) => (
            <section
              key={endpoint.id}
              id={endpoint.id}
              className="card endpoint"
              aria-labelledby={`${endpoint.id}-title`}
            >
              <h3 id={`${endpoint.id}-title`} className="endpoint-title">
                <span className={`method method-${endpoint.method.toLowerCase()}`}>
                  {endpoint.method}
                </span>
                <span className="endpoint-path">{endpoint.path}</span>
              </h3>
              <p>
                <strong>{endpoint.summary}.</strong> <InlineCode text={endpoint.description} />
              </p>
              <p className="muted">
                {endpoint.needsKey
                  ? `Needs an API key (${endpoint.method === 'GET' ? 'read' : 'write'} scope).`
                  : 'No key needed.'}
              </p>
              {endpoint.parameters.length > 0 ? (
                <>
                  <h4>Parameters</h4>
                  <FieldTable
                    rows={endpoint.parameters}
                    caption={`Parameters of ${endpoint.method} ${endpoint.path}`}
                  />
                </>
              ) : null}
              {endpoint.body.length > 0 ? (
                <>
                  <h4>Request body (JSON)</h4>
                  <FieldTable
                    rows={endpoint.body}
                    caption={`Request body fields of ${endpoint.method} ${endpoint.path}`}
                  />
                </>
              ) : null}
              <h4>Response</h4>
              {endpoint.response.length > 0 ? (
                <FieldTable
                  rows={endpoint.response}
                  caption={`Response fields of ${endpoint.method} ${endpoint.path}`}
                />
              ) : (
                <p>{endpoint.responseType ?? 'No body'}</p>
              )}
              {endpoint.errors.length > 0 ? (
                <p className="muted">
                  Errors: {endpoint.errors.map((e) => `${e.status} ${e.description}`).join(' · ')}
                </p>
              ) : null}
            </section>
          ))}
        </details>
      ))}
    </article>
  );
}
