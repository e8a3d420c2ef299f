/** The app's keyboard shortcuts: which key does what, as data the `?` sheet lists too. */

export type ShortcutAction =
  | 'add'
  | 'search'
  | 'next'
  | 'previous'
  | 'complete'
  | 'go-today'
  | 'go-inbox'
  | 'help';

export const SHORTCUTS: readonly {
  keys: readonly string[];
  action: ShortcutAction;
  does: string;
}[] = [
  { keys: ['n'], action: 'add', does: 'Add a task (from any page)' },
  { keys: ['/'], action: 'search', does: 'Search or filter the list' },
  { keys: ['j'], action: 'next', does: 'Next task' },
  { keys: ['k'], action: 'previous', does: 'Previous task' },
  { keys: ['x'], action: 'complete', does: 'Complete the task you are on' },
  { keys: ['g', 't'], action: 'go-today', does: 'Go to Today' },
  { keys: ['g', 'i'], action: 'go-inbox', does: 'Go to the inbox' },
  { keys: ['?'], action: 'help', does: 'Show these shortcuts' },
];

/** Fired on `window` by anything that wants the shortcut sheet open (the nav's "More" menu). */
export const OPEN_SHORTCUTS_EVENT = 'proxy:open-shortcuts';

/** Whether a key is waiting for its second key (`g` then `t`). */
export interface ShortcutState {
  pending: string | null;
}

export const NO_PENDING: ShortcutState = { pending: null };

/**
 * Reads one key press: the action it completes (if any) and the state for the next key. A key
 * after `g` that makes no sequence is dropped rather than run on its own, so a slip is harmless.
 */
export function readShortcutKey(
  state: ShortcutState,
  key: string,
): { action: ShortcutAction | null; state: ShortcutState } {
  if (state.pending) {
    const sequence = SHORTCUTS.find(
      (s) => s.keys.length === 2 && s.keys[0] === state.pending && s.keys[1] === key,
    );
    return { action: sequence?.action ?? null, state: NO_PENDING };
  }
  if (SHORTCUTS.some((s) => s.keys.length === 2 && s.keys[0] === key)) {
    return { action: null, state: { pending: key } };
  }
  const single = SHORTCUTS.find((s) => s.keys.length === 1 && s.keys[0] === key);
  return { action: single?.action ?? null, state: NO_PENDING };
}

/** Input types that take no typed text, so a letter pressed on them is a shortcut. */
const KEYLESS_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'color',
  'file',
  'image',
]);

/** Whether the person is typing in a field (where a letter is a letter, never a shortcut). */
export function isTypingTarget(
  target: { tagName?: string; type?: string; isContentEditable?: boolean } | null,
): boolean {
  if (!target?.tagName) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !KEYLESS_INPUTS.has((target.type ?? 'text').toLowerCase());
  return false;
}
