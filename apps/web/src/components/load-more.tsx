import type { ReactNode } from 'react';

/** The fields of an infinite query this footer reads (any `useInfiniteQuery` result has them). */
type Pages = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
};

/**
 * The footer of every paged list: "Load more" while there is more, and nothing once it is all
 * here. `children` says how much has loaded, where a list wants that.
 */
export function LoadMore({
  pages,
  small = false,
  children,
}: {
  pages: Pages;
  small?: boolean;
  children?: ReactNode;
}) {
  if (!pages.hasNextPage) return null;
  return (
    <div className="list-footer">
      <button
        type="button"
        className={`button button-secondary${small ? ' button-small' : ''}`}
        disabled={pages.isFetchingNextPage}
        onClick={() => void pages.fetchNextPage()}
      >
        {pages.isFetchingNextPage ? 'Loading more…' : 'Load more'}
      </button>
      {children}
    </div>
  );
}
