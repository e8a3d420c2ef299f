'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { QuickAdd } from '@/app/(app)/inbox/inbox';
import { Modal } from './modal';
import {
  isTypingTarget,
  NO_PENDING,
  OPEN_SHORTCUTS_EVENT,
  readShortcutKey,
  SHORTCUTS,
  type ShortcutAction,
} from './shortcut-keys';

/** The page's own quick-add field (Today's, the inbox's), marked with `data-quick-add`. */
const QUICK_ADD = 'input[data-quick-add]';
/** A task row in any list, and the box that completes it. */
const ROW = '.task-row:not([data-pending])';
const COMPLETE_BOX = 'input[type="checkbox"][aria-label^="Complete"]';
const ROW_FOCUS_TARGET = `${COMPLETE_BOX}, a[href], button, input, select, textarea`;

const visible = (el: Element) => (el as HTMLElement).getClientRects().length > 0;
const PLACES_WITH_QUICK_ADD = ['/today', '/inbox'];

function focusQuickAdd(): boolean {
  const input = [...document.querySelectorAll<HTMLInputElement>(QUICK_ADD)].find(visible);
  if (!input) return false;
  input.focus();
  input.select();
  return true;
}

/** The search field of the page, or failing that its list filter; opens a closed filter panel. */
function focusSearch(): boolean {
  const field =
    document.querySelector<HTMLElement>('[data-shortcut-search]') ??
    document.querySelector<HTMLElement>('main input[type="search"]') ??
    document.querySelector<HTMLElement>('main .filters input, main [role="search"] input');
  if (!field) return false;
  const details = field.closest('details');
  if (details && !details.open) details.open = true;
  field.focus();
  return true;
}

function rows(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(`main ${ROW}`)].filter(
    (row) => visible(row) && row.querySelector(ROW_FOCUS_TARGET),
  );
}

function moveRow(step: 1 | -1) {
  const list = rows();
  if (list.length === 0) return;
  const here = list.findIndex((row) => row.contains(document.activeElement));
  const next =
    here === -1
      ? step === 1
        ? 0
        : list.length - 1
      : Math.min(list.length - 1, Math.max(0, here + step));
  const row = list[next];
  const target =
    row?.querySelector<HTMLElement>(COMPLETE_BOX) ??
    row?.querySelector<HTMLElement>(ROW_FOCUS_TARGET);
  target?.focus();
  target?.scrollIntoView({ block: 'nearest' });
}

function completeFocusedRow() {
  const row = document.activeElement?.closest(ROW);
  const box = row?.querySelector<HTMLInputElement>(COMPLETE_BOX);
  if (box && !box.checked && !box.disabled) box.click();
}

/**
 * Keyboard shortcuts on every signed-in page (the `?` sheet lists them), and the quick-add field
 * focused on arrival at Today and the inbox where a keyboard is the main way in. Keys typed into
 * a field, or with a modifier, or while a dialog is open, are never taken.
 */
export function KeyboardShortcuts() {
  const router = useRouter();
  const pathname = usePathname();
  const [sheetOpen, setSheetOpen] = useState(false);
  const [addOpen, setAddOpen] = useState(false);
  const [added, setAdded] = useState('');
  const state = useRef(NO_PENDING);

  const run = useCallback(
    (action: ShortcutAction) => {
      switch (action) {
        case 'add':
          if (!focusQuickAdd()) {
            setAdded('');
            setAddOpen(true);
          }
          return;
        case 'search':
          focusSearch();
          return;
        case 'next':
          moveRow(1);
          return;
        case 'previous':
          moveRow(-1);
          return;
        case 'complete':
          completeFocusedRow();
          return;
        case 'go-today':
          router.push('/today');
          return;
        case 'go-inbox':
          router.push('/inbox');
          return;
        case 'help':
          setSheetOpen(true);
          return;
      }
    },
    [router],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.repeat || isTypingTarget(event.target as HTMLElement | null)) return;
      if (document.querySelector('dialog[open]')) return;
      const read = readShortcutKey(state.current, event.key);
      state.current = read.state;
      if (!read.action) return;
      // "/" and "n" must not also type into the field they focus.
      event.preventDefault();
      run(read.action);
    };
    const onOpenSheet = () => setSheetOpen(true);
    document.addEventListener('keydown', onKeyDown);
    window.addEventListener(OPEN_SHORTCUTS_EVENT, onOpenSheet);
    // Browser tests wait for this before pressing keys.
    document.documentElement.dataset.shortcuts = 'on';
    return () => {
      delete document.documentElement.dataset.shortcuts;
      document.removeEventListener('keydown', onKeyDown);
      window.removeEventListener(OPEN_SHORTCUTS_EVENT, onOpenSheet);
    };
  }, [run]);

  // Arriving at Today or the inbox with a keyboard and mouse: the cursor waits in quick add.
  // Not on touch screens, where focusing a field would throw the keyboard over the page.
  useEffect(() => {
    if (!PLACES_WITH_QUICK_ADD.includes(pathname)) return;
    if (!window.matchMedia('(hover: hover) and (pointer: fine)').matches) return;
    const settled = () => {
      const active = document.activeElement;
      // Someone is already at work in the page (a click, a tab): leave them where they are. Focus
      // left on the nav link that brought them here moves on, as a fresh page load would.
      const main = document.getElementById('main');
      if (active && active !== main && main?.contains(active)) return true;
      return focusQuickAdd();
    };
    if (settled()) return;
    const observer = new MutationObserver(() => {
      if (settled()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pathname]);

  return (
    <>
      <Modal open={addOpen} title="Add a task" onClose={() => setAddOpen(false)}>
        <p className="muted">It goes to your inbox; sorting it out can wait.</p>
        <QuickAdd onAnnounce={setAdded} />
        <p role="status" className={added ? 'alert alert-success' : 'visually-hidden'}>
          {added ? `${added} Add another, or close this.` : ''}
        </p>
        <div className="form-actions" style={{ marginTop: 'var(--space-4)' }}>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setAddOpen(false)}
          >
            Close
          </button>
        </div>
      </Modal>
      <Modal open={sheetOpen} title="Keyboard shortcuts" onClose={() => setSheetOpen(false)}>
        <p className="muted">They work anywhere except while you are typing in a field.</p>
        <dl className="shortcut-list">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.keys.join(' ')}>
              <dt>
                {shortcut.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 ? <span className="muted"> then </span> : null}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{shortcut.does}</dd>
            </div>
          ))}
        </dl>
        <div className="form-actions" style={{ marginTop: 'var(--space-4)' }}>
          <button type="button" className="button" onClick={() => setSheetOpen(false)}>
            Close
          </button>
        </div>
      </Modal>
    </>
  );
}
