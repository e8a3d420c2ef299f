import { describeCheckFailure, type EvaluationErrorKind } from '@proxy/core';

/** A failed check in words, with what to do, and the raw reason folded away under Details. */
export function FailureExplained({
  reason,
  errorKind,
}: {
  reason: string;
  errorKind?: EvaluationErrorKind | null;
}) {
  const words = describeCheckFailure(reason, errorKind);
  return (
    <div data-testid="failure-explained">
      <p style={{ margin: 0 }}>{words.summary}</p>
      <p className="muted" style={{ margin: 0 }}>
        {words.advice}
      </p>
      {reason ? (
        <details>
          <summary>Details</summary>
          <p className="muted" style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {reason}
          </p>
        </details>
      ) : null}
    </div>
  );
}
