import { purgeExpiredTrash } from '../trash/service';
import { trashPurge } from './definitions';
import { handleJob } from './handler';

/** Purges what has been in the trash past its 30 days; idempotent (gone stays gone). */
export const trashPurgeHandler = handleJob(trashPurge, {
  async handle(deps) {
    return purgeExpiredTrash(deps, deps.now());
  },
});
