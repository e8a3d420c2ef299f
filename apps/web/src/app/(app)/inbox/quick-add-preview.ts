import { parseQuickAdd, type QuickAddResult, type TaskPriority } from '@proxy/core';

const PRIORITY_LABELS: Record<TaskPriority, string> = {
  urgent: 'Urgent',
  high: 'High priority',
  medium: 'Medium priority',
  low: 'Low priority',
};

/** The parts of a quick add the person should see before it is saved, in their words. */
export function previewParts(parsed: QuickAddResult, timeZone: string): string[] {
  const parts: string[] = [];
  if (parsed.due) {
    const day = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
    }).format(parsed.due.at);
    const time = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
    }).format(parsed.due.at);
    parts.push(parsed.due.allDay ? `Due ${day}` : `Due ${day}, ${time}`);
  }
  if (parsed.priority) parts.push(PRIORITY_LABELS[parsed.priority]);
  if (parsed.estimateMinutes !== undefined) parts.push(`~${formatMinutes(parsed.estimateMinutes)}`);
  for (const tag of parsed.tags) parts.push(`#${tag}`);
  return parts;
}

function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** What quick add will create from the text, read the way the API would read it. */
export function readQuickAdd(
  text: string,
  timeZone: string,
  ignoreDates: boolean,
  now = new Date(),
) {
  return parseQuickAdd(text, { timeZone, now, ignoreDates });
}
