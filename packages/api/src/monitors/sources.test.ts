import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ExtractError,
  extract,
  extractFeed,
  extractHtml,
  extractJson,
  MAX_FEED_ITEMS,
} from './sources';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('json extractor', () => {
  const body = fixture('price.json');
  it('one match gives the value', () => {
    expect(extractJson(body, '$.bitcoin.usd')).toBe(49123.45);
  });
  it('several matches give the array', () => {
    expect(extractJson(body, '$.markets[*].price')).toEqual(['49,100', '49,200']);
  });
  it('no match is a parse error', () => {
    expect(() => extractJson(body, '$.ethereum.usd')).toThrow(/matched nothing/);
  });
  it('bad JSON is a parse error', () => {
    expect(() => extractJson('<html>oops</html>', '$.a')).toThrow(ExtractError);
  });
});

describe('html extractor', () => {
  const body = fixture('page.html');
  it('gives the text of the matched element, whitespace collapsed', () => {
    expect(extractHtml(body, 'h1.product-title')).toBe('Widget Pro 2000');
    expect(extractHtml(body, '.price')).toBe('$1,299.00');
  });
  it('joins several elements with a space', () => {
    expect(extractHtml(body, '.tags li')).toBe('new in stock');
  });
  it('no match is a parse error', () => {
    expect(() => extractHtml(body, '.missing')).toThrow('selector matched nothing');
  });
});

describe('feed extractor', () => {
  it('reads RSS 2.0 items: guid, link, title', async () => {
    const items = await extractFeed(fixture('rss.xml'));
    expect(items).toEqual([
      { id: 'release-2.1.0', link: 'https://example.com/releases/2.1.0', title: 'Example 2.1.0' },
      {
        id: 'https://example.com/releases/2.0.0',
        link: 'https://example.com/releases/2.0.0',
        title: 'Example 2.0.0',
      },
      { id: null, link: 'https://example.com/releases/1.9.9', title: 'No guid, only a link' },
    ]);
  });
  it('reads Atom entries: id, link, title', async () => {
    const items = await extractFeed(fixture('atom.xml'));
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({
      id: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
      link: 'https://blog.example.org/2026/11/20/robots',
      title: 'Atom-Powered Robots Run Amok',
    });
    expect(items[1]?.id).toBe('tag:blog.example.org,2026:second');
  });
  it('keeps at most MAX_FEED_ITEMS', async () => {
    const entries = Array.from(
      { length: MAX_FEED_ITEMS + 20 },
      (_, i) => `<item><title>n${i}</title><guid>g${i}</guid></item>`,
    ).join('');
    const items = await extractFeed(
      `<rss version="2.0"><channel><title>t</title>${entries}</channel></rss>`,
    );
    expect(items).toHaveLength(MAX_FEED_ITEMS);
  });
  it('a non-feed is a parse error', async () => {
    await expect(extractFeed('{"not":"a feed"}')).rejects.toBeInstanceOf(ExtractError);
  });
  it('extract dispatches on the plan source kind', async () => {
    await expect(
      extract(
        { kind: 'json', url: 'https://x.test/a.json', jsonPath: '$.bitcoin.usd' },
        fixture('price.json'),
      ),
    ).resolves.toEqual({ kind: 'json', value: 49123.45 });
  });
});
