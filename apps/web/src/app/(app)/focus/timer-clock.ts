/**
 * What the timer shows, from the server's state and the clock: never a counting interval, so it
 * cannot drift, and every tab (and a reload) shows the same second. `offsetMs` is the server's
 * clock minus this device's, measured when the state arrived, so a wrong laptop clock does not
 * move the end either.
 */
export interface TimerStateLike {
  phase: string;
  blockEndsAt: Date | null;
  countUpFrom: Date | null;
  timeLeftMs: number | null;
  blockElapsedMs: number;
}

export type TimerDisplay =
  | { mode: 'down' | 'up' | 'frozen'; ms: number; text: string }
  | { mode: 'none'; ms: 0; text: '' };

/** "4:07", or "1:02:09" past an hour. Counting down rounds up, so 0:00 means it is over. */
export function formatClock(ms: number, roundUp: boolean): string {
  const total = Math.max(0, roundUp ? Math.ceil(ms / 1000) : Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function timerDisplay(
  state: TimerStateLike,
  offsetMs: number,
  deviceNowMs: number,
): TimerDisplay {
  const serverNow = deviceNowMs + offsetMs;
  if (state.blockEndsAt) {
    const ms = Math.max(0, state.blockEndsAt.getTime() - serverNow);
    return { mode: 'down', ms, text: formatClock(ms, true) };
  }
  if (state.countUpFrom) {
    const ms = Math.max(0, serverNow - state.countUpFrom.getTime());
    return { mode: 'up', ms, text: formatClock(ms, false) };
  }
  if (state.phase === 'paused') {
    const ms = state.timeLeftMs ?? state.blockElapsedMs;
    return { mode: 'frozen', ms, text: formatClock(ms, state.timeLeftMs !== null) };
  }
  return { mode: 'none', ms: 0, text: '' };
}

/** The server's clock minus this device's, from a state read at `receivedAtMs` (device clock). */
export const clockOffset = (serverNow: Date, receivedAtMs: number) =>
  serverNow.getTime() - receivedAtMs;
