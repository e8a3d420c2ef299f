import { describe, expect, it } from 'vitest';
import { createTaskInput, listTasksInput, updateTaskInput } from './schema';

describe('task input schemas', () => {
  it('normalises titles and tags', () => {
    const parsed = createTaskInput.parse({
      title: '  Call the bank ',
      tags: ['Money', 'money ', 'calls'],
    });
    expect(parsed.title).toBe('Call the bank');
    expect(parsed.tags).toEqual(['money', 'calls']);
  });

  it('explains each bad field', () => {
    const result = createTaskInput.safeParse({
      title: '',
      dueAt: 'tomorrow',
      tags: ['ok', 'not ok!'],
    });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((i) => i.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['title', 'dueAt', 'tags.1']));
  });

  it('list input bounds the page size and never coerces (REST types query strings itself)', () => {
    expect(listTasksInput.parse({ limit: 20, isMetaTask: 'true' })).toMatchObject({
      limit: 20,
      isMetaTask: true,
    });
    expect(listTasksInput.parse({}).limit).toBe(50);
    expect(listTasksInput.safeParse({ limit: 1000 }).success).toBe(false);
    expect(listTasksInput.safeParse({ limit: '20' }).success).toBe(false);
  });

  it('an update needs a task id and nothing else', () => {
    expect(updateTaskInput.safeParse({ id: 'abc' }).success).toBe(false);
    expect(updateTaskInput.parse({ id: '7f1c9f7e-0a4b-4f0e-9b0b-0c9a8f2f6a11' })).toEqual({
      id: '7f1c9f7e-0a4b-4f0e-9b0b-0c9a8f2f6a11',
    });
  });
});
