import { sendDueDigests } from '../notifications/digest';
import { notificationDigest } from './definitions';
import { handleJob } from './handler';

export const notificationDigestHandler = handleJob(notificationDigest, {
  handle: (deps) => sendDueDigests(deps),
});
