'use client';

import { useEffect, useState } from 'react';
import { FormMessage } from '@/components/field';
import { apiErrorInfo } from '@/lib/form-errors';
import { useHydrated } from '@/lib/use-hydrated';
import { EnergyPicker } from './energy-picker';
import styles from './focus.module.css';
import { timerDisplay } from './timer-clock';
import type { FocusMoveInput, FocusView } from './use-focus-session';

const PHASE_LABELS: Record<FocusView['state']['phase'], string> = {
  work: 'Focus',
  short_break: 'Short break',
  long_break: 'Long break',
  break_over: 'Break is over',
  paused: 'Paused',
  finished: 'All blocks done',
  done: 'Done',
};

const KIND_LABELS: Record<FocusView['kind'], string> = {
  pomodoro: 'Pomodoro',
  deep_work: 'Deep work',
  short_burst: 'Short burst',
  flowtime: 'Flowtime',
  custom: 'Custom',
};

/** Redraws often enough for the seconds; the value itself comes from absolute times. */
function useTick(ms: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

type PrimaryMove = { label: string; move: FocusMoveInput } | null;

function primaryMove(view: FocusView): PrimaryMove {
  const allowed = new Set(view.state.allowedMoves);
  switch (view.state.phase) {
    case 'work':
      return { label: 'Pause', move: { type: 'pause' } };
    case 'paused':
      return { label: 'Resume', move: { type: 'resume' } };
    case 'short_break':
    case 'long_break':
      return { label: 'Skip break', move: { type: 'skip_break' } };
    case 'break_over':
      return allowed.has('skip_break')
        ? { label: 'Start the next block', move: { type: 'skip_break' } }
        : null;
    case 'finished':
      return { label: 'Complete', move: { type: 'complete' } };
    default:
      return null;
  }
}

export function SessionTimer({
  view,
  offsetMs,
  offline,
  onMove,
  pending,
  error,
  onTimeUp,
}: {
  view: FocusView;
  offsetMs: number;
  offline: boolean;
  onMove: (move: FocusMoveInput) => void;
  pending: boolean;
  error: unknown;
  onTimeUp: () => void;
}) {
  const now = useTick(250);
  const hydrated = useHydrated();
  const { state } = view;
  // The server cannot know this device's clock: the first paint waits for the browser's.
  const display = hydrated
    ? timerDisplay(state, offsetMs, now)
    : ({ mode: 'none', ms: 0, text: '' } as const);
  const [note, setNote] = useState('');
  const [noting, setNoting] = useState(false);
  const [energyAfter, setEnergyAfter] = useState<number | null>(null);
  const [fullScreen, setFullScreen] = useState(false);
  const allowed = new Set(state.allowedMoves);
  const primary = primaryMove(view);
  const onBreak = state.phase === 'short_break' || state.phase === 'long_break';
  const timeUp = display.mode === 'down' && display.ms === 0;

  // The tab's title carries the time left, so it can be seen from another tab.
  useEffect(() => {
    const before = document.title;
    return () => {
      document.title = before;
    };
  }, []);
  useEffect(() => {
    document.title = display.text
      ? `${display.text} · ${PHASE_LABELS[state.phase]} · Proxy`
      : `${PHASE_LABELS[state.phase]} · Proxy`;
  }, [display.text, state.phase]);

  // When the countdown reaches its end, ask the server what the clock made of it.
  useEffect(() => {
    if (timeUp) onTimeUp();
  }, [timeUp, onTimeUp]);

  // Space pauses and resumes (not while typing).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== ' ' || e.repeat) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, button, [contenteditable="true"]')) return;
      if (state.phase === 'work' && allowed.has('pause')) {
        e.preventDefault();
        onMove({ type: 'pause' });
      } else if (state.phase === 'paused') {
        e.preventDefault();
        onMove({ type: 'resume' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    if (!onBreak) setFullScreen(false);
  }, [onBreak]);
  useEffect(() => {
    if (!fullScreen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setFullScreen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fullScreen]);

  const finishMove = (type: 'stop' | 'complete'): FocusMoveInput =>
    energyAfter === null ? { type } : { type, energyAfter };

  return (
    <section className={`card ${styles.timerCard}`} aria-labelledby="focus-phase">
      <p className={styles.kind}>
        {KIND_LABELS[view.kind]}
        {state.cycle > 1 || view.settings.kind !== 'flowtime' ? ` · block ${state.cycle}` : ''}
        {view.settings.kind !== 'flowtime' && view.settings.blocks
          ? ` of ${view.settings.blocks}`
          : ''}
      </p>
      <h2 id="focus-phase" className={styles.phase} data-testid="focus-phase">
        {PHASE_LABELS[state.phase]}
      </h2>
      <p className={styles.task} data-testid="focus-task">
        {view.taskTitle ? view.taskTitle : 'No task: just focus'}
      </p>
      <p
        className={styles.clock}
        data-testid="focus-clock"
        aria-live="off"
        role="timer"
        aria-label={
          display.text ? `${display.text} ${display.mode === 'up' ? 'so far' : 'left'}` : 'No timer'
        }
      >
        {display.text || '–'}
      </p>
      {state.phase === 'break_over' ? (
        <p className={styles.prompt}>Back to it? The next block starts when you are ready.</p>
      ) : null}
      {onBreak ? (
        <p className={styles.prompt}>
          Stand up, stretch, drink some water.{' '}
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => setFullScreen(true)}
          >
            Full-screen break
          </button>
        </p>
      ) : null}
      {offline ? (
        <p className={styles.offline} role="status">
          Offline: the timer keeps time; moves go through once you are back.
        </p>
      ) : null}

      <div className={styles.actions}>
        {primary ? (
          <button
            type="button"
            className={`button ${styles.primary}`}
            disabled={pending}
            onClick={() => onMove(primary.move)}
            aria-keyshortcuts={
              primary.move.type === 'pause' || primary.move.type === 'resume' ? 'Space' : undefined
            }
          >
            {primary.label}
          </button>
        ) : null}
        {state.phase === 'work' && allowed.has('start_break') ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={pending}
            onClick={() => onMove({ type: 'start_break' })}
          >
            Take a break now
          </button>
        ) : null}
        {allowed.has('extend') && state.phase !== 'paused' ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={pending}
            onClick={() => onMove({ type: 'extend', minutes: 5 })}
          >
            +5 min
          </button>
        ) : null}
        {allowed.has('interruption') ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={pending}
            onClick={() => setNoting((v) => !v)}
            aria-expanded={noting}
          >
            Interrupted
          </button>
        ) : null}
      </div>

      {noting ? (
        <form
          className={styles.noteForm}
          onSubmit={(e) => {
            e.preventDefault();
            onMove({ type: 'interruption', note });
            setNote('');
            setNoting(false);
          }}
        >
          <label htmlFor="interruption-note">What pulled you away? (optional)</label>
          <input
            id="interruption-note"
            type="text"
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="button button-small" disabled={pending}>
            Note it
          </button>
        </form>
      ) : null}

      <div className={styles.finish}>
        <EnergyPicker
          legend="Energy now (optional)"
          value={energyAfter}
          onChange={setEnergyAfter}
          name="energy-after"
        />
        <div className={styles.actions}>
          {allowed.has('complete') && state.phase !== 'finished' ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={pending}
              onClick={() => onMove(finishMove('complete'))}
            >
              Finish session
            </button>
          ) : null}
          {state.phase === 'finished' ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={pending}
              onClick={() => onMove(finishMove('complete'))}
            >
              Finish with this energy
            </button>
          ) : null}
          {allowed.has('stop') ? (
            <button
              type="button"
              className="button button-quiet"
              disabled={pending}
              onClick={() => onMove(finishMove('stop'))}
            >
              Stop
            </button>
          ) : null}
        </div>
      </div>
      {error ? <FormMessage kind="error">{apiErrorInfo(error).message}</FormMessage> : null}
      {state.interruptions.length > 0 ? (
        <details className={styles.interruptions}>
          <summary>
            {state.interruptions.length} interruption{state.interruptions.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {state.interruptions.map((i) => (
              <li key={i.at.toISOString()}>{i.note || 'No note'}</li>
            ))}
          </ul>
        </details>
      ) : null}

      {fullScreen ? (
        <div className={styles.fullScreen} role="dialog" aria-modal="true" aria-label="Break">
          <p className={styles.fullPhase}>{PHASE_LABELS[state.phase]}</p>
          <p className={styles.fullClock}>{display.text}</p>
          <p>Look away from the screen. Breathe out slowly.</p>
          <button type="button" className="button" onClick={() => setFullScreen(false)}>
            Leave full screen (Esc)
          </button>
        </div>
      ) : null}
    </section>
  );
}
