/**
 * A first handle from the email's local part: lower-case, [a-z0-9_], 3..24 chars, plus a
 * suffix the caller chooses (random bytes in the service, so core stays pure).
 */
export function handleFromEmail(email: string, suffix: string): string {
  const local = email.split('@')[0] ?? '';
  let base = local
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (base.length < 3) base = `user${base}`;
  return `${base.slice(0, 24)}_${suffix}`.slice(0, 30);
}
