import { registerInput } from '@proxy/core';
import { describe, expect, it } from 'vitest';
import { apiErrorInfo, firstError, zodFieldErrors } from './form-errors';

describe('apiErrorInfo', () => {
  it('reads the per-field messages the API formatter puts in error.data', () => {
    const error = Object.assign(new Error('An account could not be created with this email.'), {
      data: { code: 'CONFLICT', fieldErrors: { email: ['Use another email, or sign in'] } },
    });
    const info = apiErrorInfo(error);
    expect(info.message).toBe('An account could not be created with this email.');
    expect(info.code).toBe('CONFLICT');
    expect(firstError(info.fieldErrors, 'email')).toBe('Use another email, or sign in');
    expect(firstError(info.fieldErrors, 'password')).toBeUndefined();
  });

  it('turns a network failure into a plain sentence', () => {
    const info = apiErrorInfo(new TypeError('Failed to fetch'));
    expect(info.message).toBe('Something went wrong. Please try again.');
    expect(info.fieldErrors).toEqual({});
  });
});

describe('zodFieldErrors', () => {
  it('gives client-side checks the same shape as server errors', () => {
    const parsed = registerInput.safeParse({ email: 'not an email', password: 'short' });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const errors = zodFieldErrors(parsed.error);
    expect(firstError(errors, 'email')).toBe('Enter a valid email address');
    expect(firstError(errors, 'password')).toBe('Password must be at least 8 characters');
  });
});
