'use client';

import { formatValue } from '@/lib/monitor-format';
import { FailureExplained } from './failure-explained';
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
      {result.outcome === 'error' ? (
        <>
          <p style={{ margin: 0 }}>
            <strong>{title}:</strong> the check could not run.
          </p>
          <FailureExplained reason={result.reason} />
        </>
      ) : (
        <OutcomeWords result={result} title={title} />
      )}
    </div>
  );
}

function OutcomeWords({ result, title }: { result: DryRunResult; title: string }) {
  return (
    <>
      <p style={{ margin: 0 }}>
        <strong>{title}:</strong> found{' '}
        <strong data-testid="dry-run-value">
          {formatValue(result.valueNumber ?? result.value)}
        </strong>
        {' — '}
        {result.wouldTrigger ? 'this would notify you now.' : 'this would not notify you now.'}
      </p>
      {result.reason ? (
        <p className="muted" style={{ margin: 0 }}>
          {result.reason}
        </p>
      ) : null}
    </>
  );
}
