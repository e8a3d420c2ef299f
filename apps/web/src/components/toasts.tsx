'use client';

import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { CheckBurst } from './celebrate';
import styles from './toasts.module.css';

/** How long a toast (and its Undo) stays, not counting while it is hovered or focused. */
export const TOAST_MS = 6000;
/** At most this many at once; a new one pushes the oldest out. */
export const TOASTS_MAX = 3;

export type ToastInput = {
  message: string;
  /** Offers an Undo button while the toast shows; what it says once undone. */
  undo?: { run: () => Promise<unknown>; done: string };
  /** Offers a next step instead ("Finish it too"): its button label, and what it says once done. */
  action?: { label: string; run: () => Promise<unknown>; done: string };
  kind?: 'info' | 'error';
  /** Finishing something: a small check burst (none with reduced motion). */
  celebrate?: boolean;
};

type Toast = ToastInput & { id: number };

type ToastApi = {
  show: (toast: ToastInput) => number;
  dismiss: (id: number) => void;
};

const ToastContext = createContext<ToastApi | null>(null);

/** Every action's answer: `useToast().show({ message, undo })`. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast needs a <ToastProvider> above it');
  return api;
}

/** The toasts' home, mounted once in the app layout: a polite live region at the bottom. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => {
    setToasts((all) => all.filter((t) => t.id !== id));
  }, []);
  const show = useCallback((toast: ToastInput) => {
    const id = nextId.current++;
    setToasts((all) => [...all, { ...toast, id }].slice(-TOASTS_MAX));
    return id;
  }, []);
  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section className={styles.region} aria-label="Notifications" data-testid="toasts">
        {/* One polite live region that is always there, so each new toast is read out. */}
        <div
          role="status"
          aria-live="polite"
          aria-relevant="additions text"
          className={styles.list}
        >
          {toasts.map((t) => (
            <ToastView key={t.id} toast={t} onDismiss={() => dismiss(t.id)} show={show} />
          ))}
        </div>
      </section>
    </ToastContext.Provider>
  );
}

function ToastView({
  toast,
  onDismiss,
  show,
}: {
  toast: Toast;
  onDismiss: () => void;
  show: ToastApi['show'];
}) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [undoing, setUndoing] = useState(false);
  const left = useRef(TOAST_MS);
  const dismissRef = useRef(onDismiss);
  dismissRef.current = onDismiss;
  const paused = hovered || focused || undoing;
  const box = useRef<HTMLDivElement>(null);

  // Hovering or focusing anything inside holds the countdown (listeners on the box itself, which
  // is not a control of its own).
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const enter = () => setHovered(true);
    const leave = () => setHovered(false);
    const focusIn = () => setFocused(true);
    const focusOut = (event: FocusEvent) => {
      if (!el.contains(event.relatedTarget as Node | null)) setFocused(false);
    };
    el.addEventListener('mouseenter', enter);
    el.addEventListener('mouseleave', leave);
    el.addEventListener('focusin', focusIn);
    el.addEventListener('focusout', focusOut);
    return () => {
      el.removeEventListener('mouseenter', enter);
      el.removeEventListener('mouseleave', leave);
      el.removeEventListener('focusin', focusIn);
      el.removeEventListener('focusout', focusOut);
    };
  }, []);

  // Counts down only while nobody is reading or reaching for it; leaving gives a second back.
  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = setTimeout(() => dismissRef.current(), left.current);
    return () => {
      clearTimeout(timer);
      left.current = Math.max(1000, left.current - (Date.now() - started));
    };
  }, [paused]);

  // Undo, or the toast's own next step: one button, the same busy state and error answer.
  const button = toast.undo
    ? { ...toast.undo, label: 'Undo', busy: 'Undoing…', failed: 'Could not undo' }
    : toast.action
      ? { ...toast.action, busy: 'Working…', failed: 'Could not do that' }
      : undefined;
  const run = async () => {
    if (!button || undoing) return;
    setUndoing(true);
    try {
      await button.run();
      show({ message: button.done });
    } catch (error) {
      show({
        kind: 'error',
        message: `${button.failed}: ${error instanceof Error ? error.message : 'please try again'}`,
      });
    }
    onDismiss();
  };

  return (
    <div ref={box} className={styles.toast} data-kind={toast.kind ?? 'info'} data-testid="toast">
      {toast.celebrate ? <CheckBurst /> : null}
      <span className={styles.message}>{toast.message}</span>
      {button ? (
        <button type="button" className={styles.undo} onClick={run} disabled={undoing}>
          {undoing ? button.busy : button.label}
        </button>
      ) : null}
      <button type="button" className={styles.dismiss} aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
