import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The refused-password list: zxcvbn's common-password dictionary (tens of thousands of entries
 * from breach corpora). Kept in its own module so client bundles never pull it in.
 */
let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}
