import { autoCloseFocusSession, fireFocusBoundary, sweepFocusSessions } from '../focus/reminders';
import { focusAutoClose, focusBoundary, focusSweep } from './definitions';
import { handleJob } from './handler';

export const focusBoundaryHandler = handleJob(focusBoundary, {
  handle: (deps, payload) => fireFocusBoundary(deps, payload),
});

export const focusAutoCloseHandler = handleJob(focusAutoClose, {
  handle: (deps, payload) => autoCloseFocusSession(deps, payload),
});

export const focusSweepHandler = handleJob(focusSweep, {
  handle: (deps) => sweepFocusSessions(deps),
});
