import type { Monitor } from './types';

const LABELS: Record<string, string> = {
  active: 'Active',
  paused: 'Paused',
  error: 'Needs a look',
};
const CLASSES: Record<string, string> = {
  active: 'badge badge-success',
  paused: 'badge',
  error: 'badge badge-overdue',
};

export function StatusBadge({ monitor }: { monitor: Pick<Monitor, 'status' | 'statusReason'> }) {
  return (
    <span className={CLASSES[monitor.status] ?? 'badge'} title={monitor.statusReason ?? undefined}>
      {LABELS[monitor.status] ?? monitor.status}
    </span>
  );
}
