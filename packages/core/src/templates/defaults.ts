import type { Energy } from '../tasks/schema';

export interface DefaultTemplate {
  key: string;
  name: string;
  description: string;
  tags: string[];
  steps: { title: string; estimateMinutes: number | null; energy: Energy | null }[];
}

/** The five built-in templates every account sees (read-only; save a copy to change one). */
export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    key: 'morning-start',
    name: 'Morning start',
    description: 'A gentle ramp into the day before the first real task.',
    tags: ['routine'],
    steps: [
      { title: 'Drink a glass of water', estimateMinutes: 2, energy: 'low' },
      { title: 'Look at today’s calendar', estimateMinutes: 3, energy: 'low' },
      { title: 'Pick the one task that matters most', estimateMinutes: 5, energy: 'medium' },
      { title: 'Do the first two minutes of it', estimateMinutes: 2, energy: 'medium' },
    ],
  },
  {
    key: 'deep-work-block',
    name: 'Deep-work block',
    description: 'Ninety protected minutes on one hard thing.',
    tags: ['focus'],
    steps: [
      { title: 'Close chat and email; phone in another room', estimateMinutes: 2, energy: 'low' },
      { title: 'Write down the outcome for this block', estimateMinutes: 3, energy: 'medium' },
      { title: 'Work, parking stray thoughts on paper', estimateMinutes: 75, energy: 'high' },
      { title: 'Note where to pick up next time', estimateMinutes: 5, energy: 'low' },
    ],
  },
  {
    key: 'inbox-zero',
    name: 'Inbox zero',
    description: 'Empty the inbox with the 4Ds, one message at a time.',
    tags: ['email'],
    steps: [
      { title: 'Archive everything older than a month', estimateMinutes: 5, energy: 'low' },
      {
        title: 'Reply to anything that takes under two minutes',
        estimateMinutes: 15,
        energy: 'medium',
      },
      { title: 'Turn the rest into tasks and triage them', estimateMinutes: 10, energy: 'medium' },
    ],
  },
  {
    key: 'weekly-review',
    name: 'Weekly review',
    description: 'Close the week and set up the next one.',
    tags: ['review'],
    steps: [
      { title: 'Celebrate what got done', estimateMinutes: 5, energy: 'low' },
      { title: 'Triage the inbox to empty', estimateMinutes: 15, energy: 'medium' },
      { title: 'Check delegated work and reviews waiting', estimateMinutes: 10, energy: 'medium' },
      { title: 'Choose three outcomes for next week', estimateMinutes: 10, energy: 'medium' },
    ],
  },
  {
    key: 'tidy-a-room',
    name: 'Tidy a room',
    description: 'Small visible wins, in an order that avoids getting lost.',
    tags: ['home'],
    steps: [
      { title: 'Put on a timer and music', estimateMinutes: 1, energy: 'low' },
      { title: 'Rubbish into a bag', estimateMinutes: 5, energy: 'low' },
      { title: 'Dishes to the kitchen', estimateMinutes: 5, energy: 'low' },
      { title: 'Clothes to the laundry or the wardrobe', estimateMinutes: 10, energy: 'medium' },
      { title: 'Clear one surface completely', estimateMinutes: 10, energy: 'medium' },
    ],
  },
];
