import { listTasksInput } from '@proxy/core';
import { describe, expect, it } from 'vitest';
import { listInput, NO_FILTERS, PAGE_SIZE } from './list-input';

describe('listInput', () => {
  it('builds the same input for no filters on the server and the client', () => {
    expect(listInput(NO_FILTERS)).toEqual({ limit: PAGE_SIZE, topLevel: true });
    expect(listInput({ ...NO_FILTERS })).toEqual(listInput(NO_FILTERS));
  });

  it('leaves out blank filters and trims text, and the API accepts the result', () => {
    const input = listInput({
      status: 'done',
      tag: ' home ',
      q: '  milk ',
      dueBefore: '2026-12-01',
    });
    expect(input).toMatchObject({ limit: PAGE_SIZE, status: 'done', tag: 'home', q: 'milk' });
    expect(new Date(input.dueBefore!).getDate()).toBe(1);
    expect(listTasksInput.safeParse(input).success).toBe(true);
    expect(listInput({ ...NO_FILTERS, q: '   ', dueBefore: 'not a date' })).toEqual({
      limit: PAGE_SIZE,
      topLevel: true,
    });
  });
});
