// Field schemas shared by several channels and by the forms that fill them. Messages are not
// written here: each issue becomes a message key by its code and field (src-shared/messages).
import { PASSWORD_MAX_LENGTH } from '../domain';
import { customRule } from '../messages';
import { isValidMyNumber } from '../mynumber';
import { isKatakana, normalizeMyNumberInput, toKatakana } from '../text';
import { z } from './zod';

export const empty = z.object({}).strict();
export const isoDate = z.string().datetime({ offset: true });
export const id = z.string().min(1).max(100);

export const loginId = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/);
/** A login ID as typed at the login screen: anything, so an unknown one is answered like a real one. */
export const typedLoginId = z.string().trim().min(1).max(254);
export const password = z.string().min(1).max(PASSWORD_MAX_LENGTH);
export const otpCode = z.string().trim().regex(/^\d{6}$/);
export const email = z.string().trim().min(1).max(254).email();
export const displayName = z.string().trim().min(1).max(100);
export const totpEnrolment = z.object({ secret: z.string(), otpauthUrl: z.string() });

/** Optional text fields: blank means absent. */
export const optionalText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const personName = z.string().trim().min(1).max(50);

/** フリガナ: hiragana or katakana of either width, stored as full-width katakana. */
export const kanaName = z
  .string()
  .transform(toKatakana)
  .pipe(z.string().min(1, { abort: true }).max(50, { abort: true }).refine(isKatakana, customRule('katakana')));

export const birthDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { abort: true })
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '1900-01-01';
  }, customRule('date'));

/** 12 digits with a valid check digit; full-width digits, spaces and hyphens are accepted. */
export const myNumberInput = z
  .string()
  .max(40)
  .transform(normalizeMyNumberInput)
  .pipe(z.string().regex(/^\d{12}$/, { abort: true }).refine(isValidMyNumber, customRule('checkDigit')));
