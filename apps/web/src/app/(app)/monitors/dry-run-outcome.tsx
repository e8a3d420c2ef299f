'use client';

import { formatValue } from '@/lib/monitor-format';
import type { DryRunResult } from './types';

/** What a dry run (or an evaluation) found, in plain words. */
export function DryRunOutcome({
  result,
  title = 'Dry run',
}: {
  result: DryRunResult;
  title?: string;
}) {
  const kind = result.outcome === 'error' ? 'error' : result.wouldTrigger ? 'warning' : 'success';
  return (
    <div className={`alert alert-${kind}`} role="status" data-testid="dry-run-result">
      <p style={{ margin: 0 }}>
        <strong>{title}:</strong> found{' '}
        <strong data-testid="dry-run-value">
          {formatValue(result.valueNumber ?? result.value)}
        </strong>
        {' — '}
        {result.outcome === 'error'
          ? 'the check did not work this time.'
          : result.wouldTrigger
            ? 'this would notify you now.'
            : 'this would not notify you now.'}
      </p>
      {result.reason ? (
        <p className="muted" style={{ margin: 0 }}>
          {result.reason}
        </p>
      ) : null}
    </div>
  );
}
