import { describe, expect, it } from 'vitest';
import { isTypingTarget, NO_PENDING, readShortcutKey, SHORTCUTS } from './shortcut-keys';

/** Presses keys one after another from a fresh state; the actions they ran, in order. */
function press(...keys: string[]) {
  let state = NO_PENDING;
  const actions: (string | null)[] = [];
  for (const key of keys) {
    const read = readShortcutKey(state, key);
    actions.push(read.action);
    state = read.state;
  }
  return { actions, state };
}

describe('readShortcutKey', () => {
  it('runs each single key at once', () => {
    expect(press('n', '/', 'j', 'k', 'x', '?').actions).toEqual([
      'add',
      'search',
      'next',
      'previous',
      'complete',
      'help',
    ]);
  });

  it('waits after g, then goes to Today or the inbox', () => {
    expect(press('g')).toEqual({ actions: [null], state: { pending: 'g' } });
    expect(press('g', 't').actions).toEqual([null, 'go-today']);
    expect(press('g', 'i').actions).toEqual([null, 'go-inbox']);
  });

  it('drops a key that makes no sequence after g, and starts over', () => {
    // "g x" completes nothing; the x after it is a fresh press again.
    expect(press('g', 'x', 'x')).toEqual({ actions: [null, null, 'complete'], state: NO_PENDING });
  });

  it('ignores keys that are not shortcuts (and case matters: N is not n)', () => {
    expect(press('a', 'N', 'Enter', 'T').actions).toEqual([null, null, null, null]);
  });

  it('has one action per key sequence, each described for the sheet', () => {
    const sequences = SHORTCUTS.map((s) => s.keys.join(' '));
    expect(new Set(sequences).size).toBe(sequences.length);
    for (const shortcut of SHORTCUTS) expect(shortcut.does.length).toBeGreaterThan(5);
  });
});

describe('isTypingTarget', () => {
  it('is true in text fields of every kind, selects and editable text', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input', type: 'search' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'number' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
  });

  it('is false on checkboxes, buttons, links and the page itself', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'A' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BODY' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
