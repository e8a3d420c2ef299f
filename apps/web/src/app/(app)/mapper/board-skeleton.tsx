import styles from './board.module.css';

const CARDS_PER_COLUMN = [3, 2, 2, 1, 1];

/** The board's shape while its tasks load: five columns of placeholder cards. */
export function BoardSkeleton() {
  return (
    <div className={styles.board} data-testid="board-skeleton" aria-hidden="true">
      {CARDS_PER_COLUMN.map((cards, column) => (
        <div key={column} className={styles.column}>
          <div className={styles.skeletonTitle} />
          <ul>
            {Array.from({ length: cards }, (_, i) => (
              <li key={i} className={styles.skeletonCard} />
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
