// Form-only rules around a new password, for contractResolver's extra rules: the contract
// checks only its length, the core refuses it by the shared password rule (shown here while
// typing, in the same words), and a confirmation field must match.
import type { ReactNode } from 'react';
import type { MessageParams } from '../../../src-shared/messages';
import { assessPassword } from '../../../src-shared/password-assess';
import { passwordProblemKey, type PasswordOwner } from '../../../src-shared/password-policy';

type Text = (key: string, params?: MessageParams) => string;
type Rule<V> = (values: V) => Record<string, ReactNode>;

/** The core's password rule on `field`, for the account `owner(values)` the password is for. */
export function strongPasswordRule<V extends Record<string, unknown>>(text: Text, field: keyof V & string, owner: (values: V) => PasswordOwner): Rule<V> {
  return (values) => {
    const { problem } = assessPassword(String(values[field] ?? ''), owner(values));
    return problem ? { [field]: text(passwordProblemKey(problem)) } : {};
  };
}

/** `confirmation` must repeat `field`. */
export function sameAsRule<V extends Record<string, unknown>>(text: Text, field: keyof V & string, confirmation: keyof V & string): Rule<V> {
  return (values) => (values[field] === values[confirmation] ? {} : { [confirmation]: text('validation.passwordMismatch') });
}
