import { z } from 'zod';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const emailSchema = z
  .string({ error: 'Email is required' })
  .trim()
  .toLowerCase()
  .max(254, 'Email can be at most 254 characters')
  .pipe(z.email({ error: 'Enter a valid email address' }));

/** Length rules only; the common-password check lives server-side (its list is large). */
export const passwordSchema = z
  .string({ error: 'Password is required' })
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Password can be at most ${PASSWORD_MAX} characters`);

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'Name cannot be empty')
  .max(80, 'Name can be at most 80 characters');

export const handleSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Handle must be at least 3 characters')
  .max(30, 'Handle can be at most 30 characters')
  .regex(/^[a-z0-9_]+$/, 'Handle may hold lower-case letters, digits and _ only');

export function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const timezoneSchema = z
  .string()
  .max(64)
  .refine(isValidTimezone, 'Unknown timezone; use an IANA name such as Europe/Berlin');

export const avatarColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Colour must be a hex colour such as #7c5cff');

export const registerInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema.optional(),
  /** The browser's timezone (the web app sends it), so "today" is the person's from the start. */
  timezone: timezoneSchema.optional(),
});
export type RegisterInput = z.infer<typeof registerInput>;

/**
 * What a registration answers. Without email (a single-person install) it is the account made;
 * with email it is the same `check-email` answer whether the address was new or already had an
 * account, and the mail says which (a link to confirm, or a link to sign in or reset).
 */
export const registerResultSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('created'),
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
  }),
  z.object({ outcome: z.literal('check-email'), email: z.string() }),
]);
export type RegisterResult = z.infer<typeof registerResultSchema>;

/** Single-use links mailed to an account's address; only their SHA-256 is stored. */
export const ACCOUNT_TOKEN_PURPOSES = ['verify-email', 'reset-password'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/** The mails about the account itself, sent whatever the notification settings say. */
export const ACCOUNT_MAIL_KINDS = ['verify-email', 'already-registered', 'reset-password'] as const;
export type AccountMailKind = (typeof ACCOUNT_MAIL_KINDS)[number];

/** A mailed token: 43 base64url characters (32 random bytes). */
export const accountTokenSchema = z
  .string({ error: 'The link is missing its token' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'This link is not a valid one; open the link from the email again');

export const requestPasswordResetInput = z.object({ email: emailSchema });

export const resetPasswordInput = z.object({
  token: accountTokenSchema,
  newPassword: passwordSchema,
});

export const verifyEmailInput = z.object({ token: accountTokenSchema });

export const signInInput = z.object({
  email: emailSchema,
  password: z
    .string()
    .min(1, 'Password is required')
    .max(PASSWORD_MAX * 4),
});

export const changePasswordInput = z.object({
  currentPassword: z
    .string()
    .min(1, 'Current password is required')
    .max(PASSWORD_MAX * 4),
  newPassword: passwordSchema,
});

export const updateProfileInput = z.object({
  displayName: displayNameSchema.optional(),
  handle: handleSchema.optional(),
  timezone: timezoneSchema.optional(),
  avatarColor: avatarColorSchema.optional(),
});
export type UpdateProfileInput = z.infer<typeof updateProfileInput>;

export const deleteAccountInput = z.object({
  password: z
    .string()
    .min(1, 'Enter your password to confirm')
    .max(PASSWORD_MAX * 4),
});

export const profileSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  handle: z.string(),
  timezone: z.string(),
  avatarColor: z.string(),
  createdAt: z.date(),
  /** Administers this installation (sees figures across accounts). */
  isAdmin: z.boolean(),
  /** When the address was confirmed by a link mailed to it; null until then. */
  emailVerifiedAt: z.date().nullable(),
});
export type Profile = z.infer<typeof profileSchema>;

export const API_KEY_SCOPES = ['read', 'write', 'agent'] as const;
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, 'Name the key').max(80, 'Name can be at most 80 characters'),
  scopes: z
    .array(apiKeyScopeSchema)
    .min(1, 'Pick at least one scope')
    .transform((s) => [...new Set(s)]),
});

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(apiKeyScopeSchema),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
