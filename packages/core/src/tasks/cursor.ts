import { DomainError } from '../errors';

/**
 * Keyset pagination cursor over (createdAt desc, id desc): the millisecond time (the column's
 * precision) and the id. Opaque to clients; a tampered or
 * foreign cursor is a 400, not a 500.
 */
export interface TaskCursor {
  createdAt: Date;
  id: string;
}

export function encodeTaskCursor(cursor: TaskCursor): string {
  return `${cursor.createdAt.getTime().toString(36)}_${cursor.id}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeTaskCursor(raw: string): TaskCursor {
  const [time, id] = raw.split('_');
  const ms = /^[0-9a-z]{1,12}$/.test(time ?? '') ? Number.parseInt(time!, 36) : Number.NaN;
  const createdAt = new Date(ms);
  if (!id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new DomainError('BAD_REQUEST', 'The cursor is not valid', {
      fieldErrors: { cursor: ['Use the nextCursor from a previous page'] },
    });
  }
  return { createdAt, id };
}
