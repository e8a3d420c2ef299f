import { describe, expect, it } from 'vitest';
import { cleanTitle, listItems, parseTaskTitle, titleSimilarity, truncateWords } from './text';

describe('parseTaskTitle', () => {
  it('finds the verb and its object', () => {
    expect(parseTaskTitle('Call the dentist')).toMatchObject({
      verb: 'call',
      object: 'the dentist',
    });
    expect(parseTaskTitle('set up the new printer')).toMatchObject({
      verb: 'set up',
      object: 'the new printer',
    });
  });

  it('drops lead-ins, bullets and time phrases', () => {
    const parsed = parseTaskTitle('- [ ] I need to pay the rent by Friday!');
    expect(parsed).toMatchObject({ verb: 'pay', object: 'the rent' });
    expect(parseTaskTitle('remember to water the plants tomorrow').object).toBe('the plants');
  });

  it('lists items, carrying a shared tail to each', () => {
    expect(parseTaskTitle('buy milk, eggs and bread').items).toEqual(['milk', 'eggs', 'bread']);
    expect(parseTaskTitle('Email Sam, Jo and Priya about the offsite').items).toEqual([
      'Sam about the offsite',
      'Jo about the offsite',
      'Priya about the offsite',
    ]);
  });

  it('tells separate actions from items', () => {
    const parsed = parseTaskTitle('call the bank and cancel the card');
    expect(parsed.actions).toEqual(['call the bank', 'cancel the card']);
    expect(parsed.items).toEqual([]);
    expect(listItems('the bank and cancel the card')).toEqual([]);
  });

  it('keeps a title without a verb as the object', () => {
    expect(parseTaskTitle('Taxes')).toMatchObject({ verb: null, object: 'taxes' });
    expect(parseTaskTitle('BTC report').object).toBe('BTC report');
  });
});

describe('text helpers', () => {
  it('cleans titles', () => {
    expect(cleanTitle('  * [x]  Tidy   desk.  ')).toBe('Tidy desk');
    expect(cleanTitle('1) send invoice')).toBe('send invoice');
  });

  it('truncates at a word boundary', () => {
    expect(truncateWords('short', 10)).toBe('short');
    const cut = truncateWords('one two three four five six', 15);
    expect(cut.length).toBeLessThanOrEqual(15);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('scores similar titles higher', () => {
    expect(titleSimilarity('Write the report intro', 'Write the intro')).toBeGreaterThan(
      titleSimilarity('Write the report intro', 'Vacuum the floor'),
    );
    expect(titleSimilarity('', 'anything')).toBe(0);
  });
});
