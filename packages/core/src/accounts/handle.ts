/** Lower-case ASCII words joined by `_`: "Zoë Müller" gives "zoe_muller". */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * A readable first handle: from the display name when it has at least three Latin letters or
 * digits ("Ada Lovelace" gives "ada_lovelace"), else from the email's local part, else "user…";
 * at most 24 characters, so a suffix still fits the 30 of a handle.
 */
export function handleBase(displayName: string | undefined, email: string): string {
  const fromName = displayName ? slug(displayName) : '';
  let base = fromName.length >= 3 ? fromName : slug(email.split('@')[0] ?? '');
  if (base.length < 3) base = `user${base}`;
  return base.slice(0, 24).replace(/_+$/, '');
}

/** The base as it is, or with a suffix (random bytes in the service, so core stays pure). */
export function handleCandidate(base: string, suffix?: string): string {
  return suffix ? `${base}_${suffix}`.slice(0, 30) : base;
}

/** A handle from the email's local part plus a suffix. */
export function handleFromEmail(email: string, suffix: string): string {
  return handleCandidate(handleBase(undefined, email), suffix);
}
