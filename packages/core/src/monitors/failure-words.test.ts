import { describe, expect, it } from 'vitest';
import { describeCheckFailure } from './failure-words';

describe('describeCheckFailure', () => {
  it('says an unknown host in words, naming the host, and that editing fixes it', () => {
    const words = describeCheckFailure(
      'evaluation failed (1 in a row): https://shop.invalid/price: could not resolve shop.invalid: getaddrinfo ENOTFOUND shop.invalid (dns)',
      'source',
    );
    expect(words.summary).toBe('Proxy could not find the site shop.invalid.');
    expect(words.advice).toMatch(/spelled right/);
    expect(words.fixByEditing).toBe(true);
    expect(`${words.summary} ${words.advice}`).not.toMatch(/ENOTFOUND|getaddrinfo/);
  });

  it.each([
    ['https://a.example/: the source answered HTTP 404', /not there any more/, true],
    ['https://a.example/: the source answered HTTP 403', /would not show the page/, true],
    ['https://a.example/: the source answered HTTP 429', /slow down/, true],
    ['https://a.example/: the source answered HTTP 503', /problem of its own/, false],
    [
      'https://a.example/: refused: 10.0.0.1 is a private address (address)',
      /private or local/,
      true,
    ],
    [
      'https://a.example/: the request to a.example timed out after 15000 ms (timeout)',
      /too long/,
      false,
    ],
    [
      'https://a.example/: could not fetch a.example: connect ECONNREFUSED (network)',
      /could not connect/,
      false,
    ],
    ['https://a.example/: selector .price matched nothing', /was not on it/, true],
    ['https://a.example/: the JSONPath $.x matched nothing', /was not on it/, true],
    ['https://a.example/: the source did not return valid JSON (Unexpected token)', /JSON/, true],
    ['https://a.example/: the source is not an RSS or Atom feed (no channel)', /not a feed/, true],
    ['expected a number, got "sold out"', /expected a number/, true],
  ])('%s', (reason, summary, fixByEditing) => {
    const words = describeCheckFailure(reason, 'source');
    expect(words.summary).toMatch(summary);
    expect(words.fixByEditing).toBe(fixByEditing);
  });

  it('tells a spent AI budget and an AI hiccup apart from the site', () => {
    expect(describeCheckFailure('the daily limit is reached', 'budget').summary).toMatch(/budget/);
    expect(describeCheckFailure('provider answered badly', 'ai').summary).toMatch(/AI/);
  });

  it('falls back to a calm sentence that points at the details', () => {
    const words = describeCheckFailure('something odd', 'internal');
    expect(words.summary).toBe('The check did not work this time.');
    expect(words.fixByEditing).toBe(false);
  });
});
