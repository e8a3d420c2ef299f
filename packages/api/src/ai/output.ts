import { z } from 'zod';
import { ProviderCallError } from './errors';

const jsonSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

/** The JSON Schema sent to providers for a zod schema (computed once per schema). */
export function jsonSchemaFor(schema: z.ZodType): Record<string, unknown> {
  let cached = jsonSchemas.get(schema);
  if (!cached) {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'output' }) as Record<
      string,
      unknown
    >;
    cached = rest;
    jsonSchemas.set(schema, cached);
  }
  return cached;
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const SHINGLE = 8;

/**
 * True when the answer repeats a run of eight or more words of the system prompt (or all of a
 * shorter one): the model was talked into showing its instructions, and that must not be
 * stored as a person's data.
 */
export function leaksSystemPrompt(answer: string, system: string): boolean {
  const sys = words(system);
  const out = words(answer);
  if (sys.length === 0 || out.length === 0) return false;
  if (sys.length < SHINGLE) return ` ${out.join(' ')} `.includes(` ${sys.join(' ')} `);
  const shingles = new Set<string>();
  for (let i = 0; i + SHINGLE <= sys.length; i++) shingles.add(sys.slice(i, i + SHINGLE).join(' '));
  for (let i = 0; i + SHINGLE <= out.length; i++) {
    if (shingles.has(out.slice(i, i + SHINGLE).join(' '))) return true;
  }
  return false;
}

/** Models sometimes wrap JSON in a Markdown fence even when told not to. */
function unfence(text: string): string {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(text);
  return fenced ? fenced[1]! : text;
}

/**
 * Parses and validates an answer against the call's schema; anything else is an
 * `invalid_output` failure (retried, then the next provider), with the tokens it cost.
 */
export function parseAnswer<T>(
  schema: z.ZodType<T>,
  text: string,
  system: string,
  usage: { inputTokens: number; outputTokens: number },
): T {
  const fail = (message: string) =>
    new ProviderCallError('invalid_output', message, { ...usage, httpStatus: 200 });
  let json: unknown;
  try {
    json = JSON.parse(unfence(text));
  } catch {
    throw fail('The answer was not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw fail(
      `The answer did not match the schema${first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : ''}`,
    );
  }
  if (leaksSystemPrompt(text, system)) {
    throw fail('The answer repeated the system prompt');
  }
  return parsed.data;
}
