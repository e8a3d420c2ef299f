import { describe, expect, it } from 'vitest';
import { previewParts, readQuickAdd } from './quick-add-preview';

describe('quick add preview', () => {
  const now = new Date('2026-12-07T09:00:00Z');
  it('says what it understood, on the clock of the person', () => {
    const parsed = readQuickAdd(
      'Call the vet tomorrow 5pm #pets !high ~90m',
      'Europe/Berlin',
      false,
      now,
    );
    expect(parsed.title).toBe('Call the vet');
    expect(previewParts(parsed, 'Europe/Berlin')).toEqual([
      'Due Tue 8 Dec, 17:00',
      'High priority',
      '~1 h 30 min',
      '#pets',
    ]);
  });

  it('shows a day without a time as just the day, and nothing for plain text', () => {
    expect(previewParts(readQuickAdd('Bins friday', 'UTC', false, now), 'UTC')).toEqual([
      'Due Fri 11 Dec',
    ]);
    expect(previewParts(readQuickAdd('Just a thought', 'UTC', false, now), 'UTC')).toEqual([]);
    expect(previewParts(readQuickAdd('Bins friday', 'UTC', true, now), 'UTC')).toEqual([]);
  });
});
