// Client-side checks that mirror the contract, so most mistakes are caught before a call.
// The core validates again and its message wins when they disagree.
import type { TFunction } from 'i18next';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../src-shared/domain';

const LOGIN_ID = /^[A-Za-z0-9._@-]{3,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const OTP = /^\d{6}$/;

export function createValidators(t: TFunction) {
  return {
    required: (value: string) => (value.trim() ? null : t('validation.required')),
    loginId: (value: string) => (LOGIN_ID.test(value.trim()) ? null : t('validation.loginIdFormat')),
    email: (value: string) => (EMAIL.test(value.trim()) ? null : t('validation.email')),
    newPassword: (value: string) =>
      value.length >= PASSWORD_MIN_LENGTH && value.length <= PASSWORD_MAX_LENGTH
        ? null
        : t('validation.passwordLength', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }),
    otp: (value: string) => (OTP.test(value.trim()) ? null : t('validation.otpFormat')),
  };
}
