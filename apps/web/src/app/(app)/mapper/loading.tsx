import { BoardSkeleton } from './board-skeleton';

/** Shown at once on the way to Mapper, until the board's first tasks have arrived. */
export default function MapperLoading() {
  return (
    <>
      <div className="page-header">
        <h1>Mapper</h1>
      </div>
      <p className="loading" role="status">
        Loading the board…
      </p>
      <BoardSkeleton />
    </>
  );
}
