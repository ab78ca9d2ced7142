// Registrants (登録者): the people whose numbers are kept. Rows carry no number.
import { REGISTRANT_SORT_KEYS, REGISTRANT_STATUSES } from '../domain';
import { customRule } from '../messages';
import { channel } from './define';
import { address, attributeCode, birthDate, date, email, empty, id, kanaName, notes, optionalText, personName, phone, postalCode } from './fields';
import { z } from './zod';

/** Who the registrant is: names and readings, employee code, e-mail, birth date, attributes. */
export const registrantFields = z.object({
  employeeCode: optionalText(z.string().trim().max(32).regex(/^[0-9A-Za-z_-]+$/)),
  familyName: personName,
  givenName: personName,
  familyNameKana: kanaName,
  givenNameKana: kanaName,
  email: optionalText(email),
  birthDate: optionalText(birthDate),
  /** Built-in codes and admin-added ones (attributes.list); a retired one may stay on a row that has it. */
  attributes: z.array(attributeCode).min(1).max(20),
});

/**
 * The whole record, as create and update take it: who (registrantFields), then contact,
 * employment, group and notes. Update replaces every field: one left out (or blank) is
 * cleared. Dates are typed in 西暦 or 和暦 and kept as YYYY-MM-DD.
 */
export const registrantRecordFields = registrantFields.extend({
  phone: optionalText(phone),
  postalCode: optionalText(postalCode),
  address: optionalText(address),
  /** 入社日 */
  hireDate: optionalText(date),
  /** 退職日: on or after the hire date. */
  leaveDate: optionalText(date),
  /** 店舗・支店 (groups.*); a manager limited to groups must give one of theirs. */
  groupId: optionalText(id),
  /** 備考 */
  notes: optionalText(notes),
});

type WithDates = { hireDate?: string | undefined; leaveDate?: string | undefined };

/** A leave date before the hire date is refused on the leave date. */
function datesInOrder<T extends z.ZodType<WithDates>>(schema: T) {
  return schema.refine((f) => !f.hireDate || !f.leaveDate || f.leaveDate >= f.hireDate, { path: ['leaveDate'], ...customRule('leaveBeforeHire') });
}

export const registrantRow = z.object({
  id: z.string(),
  employeeCode: z.string().nullable(),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  email: z.string().nullable(),
  birthDate: z.string().nullable(),
  phone: z.string().nullable(),
  postalCode: z.string().nullable(),
  address: z.string().nullable(),
  hireDate: z.string().nullable(),
  leaveDate: z.string().nullable(),
  groupId: z.string().nullable(),
  notes: z.string().nullable(),
  status: z.enum(REGISTRANT_STATUSES),
  attributes: z.array(attributeCode),
  /** Whether a number is held — never the number itself. */
  hasMyNumber: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RegistrantRow = z.infer<typeof registrantRow>;

export const registrantListQuery = z.object({
  filter: z
    .object({
      /**
       * Words (at most five), each found in a name, a reading (hiragana, katakana, either
       * width), the employee code or the e-mail, in part; every word must be found.
       */
      text: z.string().max(100).optional(),
      status: z.enum(REGISTRANT_STATUSES).optional(),
      /** A group's registrants; null: those in no group. */
      groupId: id.nullable().optional(),
      attribute: attributeCode.optional(),
      hasMyNumber: z.boolean().optional(),
      /** Left (退職日) within these days, both included; either end may be open. */
      leaveDate: z.object({ from: date.optional(), to: date.optional() }).optional(),
    })
    .optional(),
  sort: z.object({ by: z.enum(REGISTRANT_SORT_KEYS), dir: z.enum(['asc', 'desc']) }).optional(),
  offset: z.number().int().min(0).max(1_000_000).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});

const statusCounts = z.record(z.enum(REGISTRANT_STATUSES), z.number().int());

export const registrantsChannels = {
  'registrants.create': channel({
    input: datesInOrder(registrantRecordFields),
    output: z.object({ id: z.string() }),
  }),
  'registrants.update': channel({
    input: datesInOrder(registrantRecordFields.extend({ id })),
    output: empty,
  }),
  'registrants.list': channel({
    input: registrantListQuery,
    output: z.object({ rows: z.array(registrantRow), total: z.number().int() }),
  }),
  'registrants.get': channel({
    input: z.object({ id }),
    output: z.object({ registrant: registrantRow }),
  }),
  'registrants.summary': channel({
    input: empty,
    output: z.object({
      total: z.number().int(),
      /** Every status, zero included. */
      byStatus: statusCounts,
      withMyNumber: z.number().int(),
      /**
       * Per group the caller sees, in the groups' order, empty ones included; then (groupId
       * null) those in no group, for callers who see them.
       */
      byGroup: z.array(
        z.object({ groupId: z.string().nullable(), total: z.number().int(), byStatus: statusCounts, withMyNumber: z.number().int() }),
      ),
      /** Whose leave date (退職日) has passed (today in Japan): the disposal candidates. */
      leaveDatePassed: z.number().int(),
    }),
  }),
};
