import type { MonitorItem, PlanSource } from '@proxy/core';
import { load } from 'cheerio';
import { JSONPath } from 'jsonpath-plus';
import Parser from 'rss-parser';

/**
 * Extractors: from a fetched body to the value a monitor judges. JSON by JSONPath, a web page by
 * CSS selector (its text), a feed into its items. A body that does not hold what the plan asks
 * for is an ExtractError ('parse'), an evaluation error rather than a false.
 */

export class ExtractError extends Error {
  readonly kind = 'parse' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ExtractError';
  }
}

export const MAX_FEED_ITEMS = 200;

export type Extracted =
  | { kind: 'json'; value: unknown }
  | { kind: 'html'; value: string }
  | { kind: 'feed'; items: MonitorItem[] };

/** The value at a JSONPath: one match -> that value; several -> the array of them. */
export function extractJson(body: string, path: string): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    throw new ExtractError(`the source did not return valid JSON (${(error as Error).message})`);
  }
  let found: unknown[];
  try {
    found = JSONPath({ path, json: doc as object, wrap: true, eval: false }) as unknown[];
  } catch (error) {
    throw new ExtractError(
      `the JSONPath ${path} could not be applied: ${(error as Error).message}`,
    );
  }
  if (!Array.isArray(found) || found.length === 0) {
    throw new ExtractError(`the JSONPath ${path} matched nothing`);
  }
  return found.length === 1 ? found[0] : found;
}

/** The text of the elements a CSS selector picks, whitespace collapsed, joined with a space. */
export function extractHtml(body: string, selector: string): string {
  const $ = load(body);
  let matched: ReturnType<typeof $>;
  try {
    matched = $(selector);
  } catch (error) {
    throw new ExtractError(`the selector ${selector} is not valid: ${(error as Error).message}`);
  }
  if (matched.length === 0) throw new ExtractError('selector matched nothing');
  return matched
    .toArray()
    .map((el) => $(el).text().replace(/\s+/g, ' ').trim())
    .filter((t) => t !== '')
    .join(' ');
}

const parser = new Parser();

const str = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (v && typeof v === 'object' && '_' in v) return str((v as { _: unknown })._);
  return null;
};

/** The items of an RSS or Atom feed: id (guid / id), link, title; at most MAX_FEED_ITEMS. */
export async function extractFeed(body: string): Promise<MonitorItem[]> {
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(body);
  } catch (error) {
    throw new ExtractError(`the source is not an RSS or Atom feed (${(error as Error).message})`);
  }
  const items: MonitorItem[] = [];
  for (const raw of feed.items ?? []) {
    const item = raw as Record<string, unknown>;
    const id = str(item.guid) ?? str(item.id);
    const link = str(item.link);
    const title = str(item.title);
    if (id === null && link === null && title === null) continue;
    items.push({ id, link, title });
    if (items.length >= MAX_FEED_ITEMS) break;
  }
  return items;
}

/** Apply a plan source's extractor to a fetched body. */
export async function extract(source: PlanSource, body: string): Promise<Extracted> {
  switch (source.kind) {
    case 'json':
      return { kind: 'json', value: extractJson(body, source.jsonPath) };
    case 'html':
      return { kind: 'html', value: extractHtml(body, source.selector) };
    case 'feed':
      return { kind: 'feed', items: await extractFeed(body) };
  }
}
