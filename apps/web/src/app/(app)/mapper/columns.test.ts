import { describe, expect, it } from 'vitest';
import { columnsFor } from './columns';

describe('Mapper columns', () => {
  it('by mode: untriaged plus the four Ds, each with the patch that moves a card there', () => {
    const cols = columnsFor('mode');
    expect(cols.map((c) => c.key)).toEqual(['none', 'DO', 'DO_WITH_ME', 'DELEGATE', 'DELETE']);
    expect(cols[0]!.patch('x')).toEqual({ id: 'x', delegationMode: null });
    expect(cols[3]!.patch('x')).toEqual({ id: 'x', delegationMode: 'DELEGATE' });
  });

  it('by status: one column per status', () => {
    expect(columnsFor('status').map((c) => c.patch('x'))).toContainEqual({
      id: 'x',
      status: 'done',
    });
  });
});
