/**
 * Turns an OpenAPI 3.1 document into what the API reference page shows: endpoints grouped by
 * tag, each with its parameters, body fields and response fields as readable rows. Reads the
 * document defensively (it is data), so an unexpected shape degrades to less detail, not a crash.
 */

export interface FieldRow {
  name: string;
  /** "query", "path", "body" or "response". */
  location: string;
  type: string;
  required: boolean;
  constraints: string[];
  description: string | undefined;
}

export interface EndpointView {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | undefined;
  needsKey: boolean;
  parameters: FieldRow[];
  body: FieldRow[];
  response: FieldRow[];
  responseType: string | undefined;
  errors: { status: string; description: string }[];
}

export interface TagView {
  tag: string;
  endpoints: EndpointView[];
}

export interface ApiReferenceView {
  title: string;
  description: string;
  version: string;
  baseUrl: string;
  tags: TagView[];
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asRecord = (value: unknown): Json => (isRecord(value) ? value : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const LONG_PATTERN = 40;

function refName(ref: string): string {
  return ref.split('/').at(-1) ?? ref;
}

/** A short type name: "string (uuid)", "integer or null", "array of string". */
export function describeType(schema: unknown): string {
  const s = asRecord(schema);
  const ref = asString(s.$ref);
  if (ref) return refName(ref);
  const variants = asArray(s.anyOf ?? s.oneOf);
  if (variants.length > 0) {
    const names = variants.map(describeType);
    const unique = [...new Set(names)];
    return unique.join(' or ');
  }
  const type = Array.isArray(s.type) ? s.type.join(' or ') : asString(s.type);
  if (type === 'array') return `array of ${describeType(s.items)}`;
  const format = asString(s.format);
  if (type && format) return `${type} (${format})`;
  if (type) return type;
  if (s.enum) return 'string';
  return 'any';
}

/** The rules a value must follow, in words. */
export function describeConstraints(schema: unknown): string[] {
  const s = asRecord(schema);
  const out: string[] = [];
  for (const variant of asArray(s.anyOf ?? s.oneOf)) out.push(...describeConstraints(variant));
  const enumValues = asArray(s.enum);
  if (enumValues.length > 0) out.push(`one of: ${enumValues.map(String).join(', ')}`);
  const minLength = s.minLength;
  const maxLength = s.maxLength;
  if (typeof minLength === 'number' && typeof maxLength === 'number') {
    out.push(`${minLength}–${maxLength} characters`);
  } else if (typeof minLength === 'number') {
    out.push(`at least ${minLength} characters`);
  } else if (typeof maxLength === 'number') {
    out.push(`at most ${maxLength} characters`);
  }
  if (typeof s.minimum === 'number' && typeof s.maximum === 'number') {
    out.push(`${s.minimum} to ${s.maximum}`);
  } else if (typeof s.minimum === 'number') {
    out.push(`at least ${s.minimum}`);
  } else if (typeof s.maximum === 'number') {
    out.push(`at most ${s.maximum}`);
  }
  if (typeof s.maxItems === 'number') out.push(`at most ${s.maxItems} items`);
  if (typeof s.minItems === 'number' && s.minItems > 0) out.push(`at least ${s.minItems} items`);
  const items = asRecord(s.items);
  if (Object.keys(items).length > 0) {
    out.push(...describeConstraints(items).map((c) => `each: ${c}`));
  }
  const pattern = asString(s.pattern);
  // Generated patterns for uuid and date-time are long and already said by the format.
  if (pattern && pattern.length <= LONG_PATTERN && !asString(s.format)) {
    out.push(`matches ${pattern}`);
  }
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

function objectRows(schema: unknown, location: string): FieldRow[] {
  const s = asRecord(schema);
  const required = new Set(asArray(s.required).map(String));
  return Object.entries(asRecord(s.properties)).map(([name, property]) => ({
    name,
    location,
    type: describeType(property),
    required: required.has(name),
    constraints: describeConstraints(property),
    description: asString(asRecord(property).description),
  }));
}

function jsonSchemaOf(content: unknown): unknown {
  return asRecord(asRecord(asRecord(content)['application/json']).schema);
}

/** The response schema's rows; a list response (`items` + `nextCursor`) shows its item fields too. */
function responseRows(schema: unknown): FieldRow[] {
  const rows = objectRows(schema, 'response');
  const items = asRecord(asRecord(asRecord(schema).properties).items);
  if (asString(items.type) === 'array' && isRecord(items.items)) {
    rows.push(
      ...objectRows(items.items, 'response').map((row) => ({
        ...row,
        name: `items[].${row.name}`,
      })),
    );
  }
  return rows;
}

function endpointView(method: string, path: string, operation: Json): EndpointView {
  const parameters = asArray(operation.parameters).map((raw): FieldRow => {
    const p = asRecord(raw);
    const schema = p.schema;
    return {
      name: asString(p.name) ?? '?',
      location: asString(p.in) ?? 'query',
      type: describeType(schema),
      required: p.required === true,
      constraints: describeConstraints(schema),
      description: asString(p.description) ?? asString(asRecord(schema).description),
    };
  });
  const body = objectRows(jsonSchemaOf(asRecord(operation.requestBody).content), 'body');
  const responses = asRecord(operation.responses);
  const ok = asRecord(responses['200'] ?? responses['201']);
  const okSchema = jsonSchemaOf(ok.content);
  const errors = Object.entries(responses)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, value]) => ({
      status,
      description: asString(asRecord(value).description) ?? '',
    }));
  return {
    id: asString(operation.operationId) ?? `${method}-${path}`,
    method: method.toUpperCase(),
    path,
    summary: asString(operation.summary) ?? `${method.toUpperCase()} ${path}`,
    description: asString(operation.description),
    needsKey: asArray(operation.security).length > 0,
    parameters,
    body,
    response: responseRows(okSchema),
    responseType: Object.keys(asRecord(okSchema)).length > 0 ? describeType(okSchema) : undefined,
    errors,
  };
}

export function apiReferenceView(document: unknown): ApiReferenceView {
  const doc = asRecord(document);
  const info = asRecord(doc.info);
  const byTag = new Map<string, EndpointView[]>();
  for (const [path, item] of Object.entries(asRecord(doc.paths))) {
    for (const method of METHODS) {
      const operation = asRecord(asRecord(item)[method]);
      if (Object.keys(operation).length === 0) continue;
      const tag = asString(asArray(operation.tags)[0]) ?? 'other';
      const list = byTag.get(tag) ?? [];
      list.push(endpointView(method, path, operation));
      byTag.set(tag, list);
    }
  }
  return {
    title: asString(info.title) ?? 'API',
    description: asString(info.description) ?? '',
    version: asString(info.version) ?? '',
    baseUrl: asString(asRecord(asArray(doc.servers)[0]).url) ?? '',
    tags: [...byTag.entries()].map(([tag, endpoints]) => ({ tag, endpoints })),
  };
}
