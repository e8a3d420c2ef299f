import { openApiDocument } from '@proxy/api';
import { describe, expect, it } from 'vitest';
import { apiReferenceView, describeConstraints, describeType } from './openapi-view';

describe('describeType', () => {
  it('names formats, nullables, arrays and references', () => {
    expect(describeType({ type: 'string', format: 'uuid' })).toBe('string (uuid)');
    expect(describeType({ anyOf: [{ type: 'integer' }, { type: 'null' }] })).toBe(
      'integer or null',
    );
    expect(describeType({ type: 'array', items: { type: 'string' } })).toBe('array of string');
    expect(describeType({ $ref: '#/components/schemas/Task' })).toBe('Task');
    expect(describeType(undefined)).toBe('any');
  });
});

describe('describeConstraints', () => {
  it('says the rules in words and hides generated regexes', () => {
    expect(describeConstraints({ type: 'string', minLength: 1, maxLength: 500 })).toEqual([
      '1–500 characters',
    ]);
    expect(describeConstraints({ type: 'string', enum: ['a', 'b'] })).toEqual(['one of: a, b']);
    expect(describeConstraints({ type: 'integer', minimum: 1, maximum: 5, default: 3 })).toEqual([
      '1 to 5',
      'default 3',
    ]);
    expect(
      describeConstraints({ type: 'string', format: 'uuid', pattern: `^${'x'.repeat(80)}$` }),
    ).toEqual([]);
  });
});

describe('apiReferenceView of the real document', () => {
  const view = apiReferenceView(openApiDocument());
  const endpoints = view.tags.flatMap((t) => t.endpoints);
  const find = (method: string, path: string) =>
    endpoints.find((e) => e.method === method && e.path === path);

  it('lists every REST operation, grouped by tag', () => {
    const methods = ['get', 'post', 'put', 'patch', 'delete'];
    const operations = Object.values(openApiDocument().paths ?? {}).flatMap((item) =>
      methods.filter((method) => method in item),
    );
    expect(endpoints).toHaveLength(operations.length);
    expect(view.tags.map((t) => t.tag)).toEqual(expect.arrayContaining(['tasks', 'profile']));
    expect(view.baseUrl).toBe('/api/v1');
  });

  it('shows the task fields with their rules, and the list filters as query parameters', () => {
    const create = find('POST', '/tasks');
    expect(create?.needsKey).toBe(true);
    expect(create?.body.find((f) => f.name === 'title')).toMatchObject({
      required: true,
      type: 'string',
      constraints: ['1–500 characters'],
    });
    expect(create?.response.find((f) => f.name === 'dueAt')?.type).toMatch(/or null/);

    const list = find('GET', '/tasks');
    const status = list?.parameters.find((p) => p.name === 'status');
    expect(status).toMatchObject({ location: 'query', required: false });
    expect(status?.constraints[0]).toBe('one of: inbox, todo, in_progress, done, archived');
    expect(list?.response.some((f) => f.name === 'items[].title')).toBe(true);

    expect(find('GET', '/tasks/{id}')?.parameters[0]).toMatchObject({
      name: 'id',
      location: 'path',
      required: true,
    });
  });

  it('marks account creation as needing no key', () => {
    expect(find('POST', '/auth/register')?.needsKey).toBe(false);
  });
});
