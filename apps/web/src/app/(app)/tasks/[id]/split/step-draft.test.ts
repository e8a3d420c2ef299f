import { describe, expect, it } from 'vitest';
import {
  acceptInputOf,
  draftErrors,
  draftsFromPreview,
  emptyDraft,
  moveDraft,
  totalMinutes,
} from './step-draft';

const ID = '5b0f6a3e-4b7c-4d7e-9a51-1f2d3c4b5a69';
const preview = draftsFromPreview([
  { title: 'Open the doc', estimateMinutes: 2, baseMinutes: 2, energy: 'low' },
  { title: 'Write the intro', estimateMinutes: 8, baseMinutes: 6, energy: 'high' },
  { title: 'Send it', estimateMinutes: 3, baseMinutes: 3, energy: 'low' },
]);

describe('step drafts', () => {
  it('turns a preview into editable drafts with unique keys', () => {
    expect(preview.map((d) => [d.title, d.minutes, d.energy])).toEqual([
      ['Open the doc', '2', 'low'],
      ['Write the intro', '8', 'high'],
      ['Send it', '3', 'low'],
    ]);
    expect(new Set(preview.map((d) => d.key)).size).toBe(3);
    expect(totalMinutes(preview)).toBe(13);
  });

  it('moves a step up and down, and not past either end', () => {
    const titles = (list: typeof preview) => list.map((d) => d.title);
    expect(titles(moveDraft(preview, 2, -1))).toEqual([
      'Open the doc',
      'Send it',
      'Write the intro',
    ]);
    expect(titles(moveDraft(preview, 0, 1))).toEqual([
      'Write the intro',
      'Open the doc',
      'Send it',
    ]);
    expect(titles(moveDraft(preview, 0, -1))).toEqual(titles(preview));
    expect(titles(moveDraft(preview, 2, 1))).toEqual(titles(preview));
  });

  it('builds the accept input as the API expects', () => {
    const input = acceptInputOf(
      ID,
      [...preview, { ...emptyDraft(), title: 'Celebrate', minutes: '' }],
      true,
    );
    expect(input.replaceExisting).toBe(true);
    expect(input.steps.at(-1)).toEqual({ title: 'Celebrate', estimateMinutes: null, energy: null });
    expect(draftErrors(ID, preview)).toBeNull();
  });

  it('files validation messages under the step they belong to', () => {
    const bad = [{ ...preview[0]!, title: '   ' }, { ...preview[1]!, minutes: '90' }, preview[2]!];
    const errors = draftErrors(ID, bad);
    expect(errors?.steps[bad[0]!.key]?.title).toBe('A step cannot be empty');
    expect(errors?.steps[bad[1]!.key]?.minutes).toMatch(/at most 60 minutes/);
    expect(errors?.steps[bad[2]!.key]).toBeUndefined();
    expect(draftErrors(ID, [])?.list).toEqual(['Keep at least one step']);
  });
});
