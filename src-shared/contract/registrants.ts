// Registrants (登録者): the people whose numbers are kept. Rows carry no number.
import { ATTRIBUTE_CODES, REGISTRANT_SORT_KEYS, REGISTRANT_STATUSES } from '../domain';
import { channel } from './define';
import { birthDate, email, empty, id, kanaName, optionalText, personName } from './fields';
import { z } from './zod';

export const registrantFields = z.object({
  employeeCode: optionalText(z.string().trim().max(32).regex(/^[0-9A-Za-z_-]+$/)),
  familyName: personName,
  givenName: personName,
  familyNameKana: kanaName,
  givenNameKana: kanaName,
  email: optionalText(email),
  birthDate: optionalText(birthDate),
  attributes: z.array(z.enum(ATTRIBUTE_CODES)).min(1).max(ATTRIBUTE_CODES.length),
});

export const registrantRow = z.object({
  id: z.string(),
  employeeCode: z.string().nullable(),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  email: z.string().nullable(),
  birthDate: z.string().nullable(),
  status: z.enum(REGISTRANT_STATUSES),
  attributes: z.array(z.enum(ATTRIBUTE_CODES)),
  /** Whether a number is held — never the number itself. */
  hasMyNumber: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RegistrantRow = z.infer<typeof registrantRow>;

export const registrantListQuery = z.object({
  filter: z
    .object({
      text: z.string().max(100).optional(),
      status: z.enum(REGISTRANT_STATUSES).optional(),
      attribute: z.enum(ATTRIBUTE_CODES).optional(),
    })
    .optional(),
  sort: z.object({ by: z.enum(REGISTRANT_SORT_KEYS), dir: z.enum(['asc', 'desc']) }).optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});

export const registrantsChannels = {
  'registrants.create': channel({
    input: registrantFields,
    output: z.object({ id: z.string() }),
  }),
  'registrants.update': channel({
    input: registrantFields.extend({ id }),
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
      byStatus: z.record(z.enum(REGISTRANT_STATUSES), z.number().int()),
      withMyNumber: z.number().int(),
    }),
  }),
};
