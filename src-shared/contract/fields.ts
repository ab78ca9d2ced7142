// Field schemas shared by several channels and by the forms that fill them. Messages are not
// written here: each issue becomes a message key by its code and field (src-shared/messages).
import { parseDate } from '../dates';
import { ATTRIBUTE_CODES, CUSTOM_ATTRIBUTE_SUFFIX, PASSWORD_MAX_LENGTH } from '../domain';
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

/** The days a date field may hold. */
export const DATE_MIN = '1900-01-01';
export const DATE_MAX = '2099-12-31';

const DATE_RULES = { format: 'dateFormat', date: 'date', era: 'eraRange' } as const;

/**
 * A date typed in 西暦 or 和暦 (1985-04-01, 1985/4/1, S60.4.1, 昭和60年4月1日, 令和元年5月1日;
 * see src-shared/dates.ts), kept as YYYY-MM-DD, from 1900 to 2099. Every date field of the
 * contract is this one, so the forms, the core and the CSV import read dates alike.
 */
export const date = z
  .string()
  .max(40)
  .transform((typed, ctx) => {
    const parsed = parseDate(typed);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', input: typed, ...customRule(DATE_RULES[parsed.problem]) });
      return z.NEVER;
    }
    if (parsed.iso < DATE_MIN || parsed.iso > DATE_MAX) {
      ctx.addIssue({ code: 'custom', input: typed, ...customRule('dateRange') });
      return z.NEVER;
    }
    return parsed.iso;
  });

export const birthDate = date;

/** 電話番号: digits with hyphens or brackets, full-width accepted; kept narrow, without spaces. */
export const phone = z
  .string()
  .transform((v) => v.normalize('NFKC').replace(/[\s]+/g, '').replace(/[‐‑‒–—―−ー]/g, '-'))
  .pipe(z.string().max(20, { abort: true }).regex(/^\+?[0-9][0-9()-]{5,}$/));

/** 郵便番号: 7 digits, with or without the hyphen or 〒, full-width accepted; kept as 123-4567. */
export const postalCode = z
  .string()
  .transform((v) => v.normalize('NFKC').replace(/[\s〒]+/g, '').replace(/[‐‑‒–—―−ー]/g, '-'))
  .pipe(z.string().max(8, { abort: true }).regex(/^\d{3}-?\d{4}$/))
  .transform((v) => `${v.slice(0, 3)}-${v.slice(-4)}`);

export const address = z.string().trim().min(1).max(200);
export const notes = z.string().trim().min(1).max(2000);

/** An attribute's code: a built-in one (ATTRIBUTE_CODES), or `x_…` for one an admin added. */
export const attributeCode = z.union([z.enum(ATTRIBUTE_CODES), z.templateLiteral(['x_', z.string().regex(CUSTOM_ATTRIBUTE_SUFFIX)])]);

/** 12 digits with a valid check digit; full-width digits, spaces and hyphens are accepted. */
export const myNumberInput = z
  .string()
  .max(40)
  .transform(normalizeMyNumberInput)
  .pipe(z.string().regex(/^\d{12}$/, { abort: true }).refine(isValidMyNumber, customRule('checkDigit')));
