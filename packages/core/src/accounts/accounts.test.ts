import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCommonPassword } from './common-passwords';
import { handleBase, handleCandidate, handleFromEmail } from './handle';
import { handleSchema, registerInput, timezoneSchema } from './schema';
import { scopesAllow } from './scopes';

describe('accounts', () => {
  it('refuses common passwords, case-insensitively', () => {
    expect(isCommonPassword('password1')).toBe(true);
    expect(isCommonPassword('Password1')).toBe(true);
    expect(isCommonPassword('a calm purple otter')).toBe(false);
  });

  it('applies the password length rule', () => {
    const ok = { email: 'a@b.co', password: 'x'.repeat(8) };
    expect(registerInput.safeParse(ok).success).toBe(true);
    expect(registerInput.safeParse({ ...ok, password: 'x'.repeat(7) }).success).toBe(false);
    expect(registerInput.safeParse({ ...ok, password: 'x'.repeat(128) }).success).toBe(true);
    expect(registerInput.safeParse({ ...ok, password: 'x'.repeat(129) }).success).toBe(false);
  });

  it('derives a valid handle from any email', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.stringMatching(/^[0-9a-f]{4}$/), (email, suffix) => {
        expect(handleSchema.safeParse(handleFromEmail(email, suffix)).success).toBe(true);
      }),
    );
  });

  it('derives a readable handle from the name, else the email', () => {
    expect(handleBase('Ada Lovelace', 'x@example.com')).toBe('ada_lovelace');
    expect(handleBase('Zoë Müller-Lüdenscheidt', 'x@example.com')).toBe('zoe_muller_ludenscheidt');
    // A name without three Latin letters or digits falls back to the email.
    expect(handleBase('山田', 'yamada.taro@example.jp')).toBe('yamada_taro');
    expect(handleBase(undefined, 'jo@example.com')).toBe('userjo');
    expect(handleCandidate('ada_lovelace', '3f9a')).toBe('ada_lovelace_3f9a');
  });

  it('makes a valid handle from any name and email, with or without a suffix', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string({ unit: 'grapheme', maxLength: 80 }), { nil: undefined }),
        fc.emailAddress(),
        fc.option(fc.stringMatching(/^[0-9a-f]{4}$/), { nil: undefined }),
        (name, email, suffix) => {
          const handle = handleCandidate(handleBase(name, email), suffix);
          expect(handleSchema.safeParse(handle).success, handle).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('knows IANA timezones', () => {
    expect(timezoneSchema.safeParse('Europe/Berlin').success).toBe(true);
    expect(timezoneSchema.safeParse('Mars/Base').success).toBe(false);
  });

  it('write implies read; agent is its own grant', () => {
    expect(scopesAllow(['write'], 'read')).toBe(true);
    expect(scopesAllow(['read'], 'write')).toBe(false);
    expect(scopesAllow(['agent'], 'read')).toBe(false);
    expect(scopesAllow(['agent'], 'agent')).toBe(true);
  });
});
