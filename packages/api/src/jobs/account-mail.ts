import { sendAccountMail } from '../auth/account-mail';
import { accountMail } from './definitions';
import { handleJob } from './handler';

export const accountMailHandler = handleJob(accountMail, {
  handle: (deps, payload) => sendAccountMail(deps, payload),
});
