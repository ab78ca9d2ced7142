// Dependents (扶養親族): as many per registrant as there are. Rows carry no number, only
// whether one is held; a dependent's number goes through mynumber.set/reveal with
// `{ dependentId }`.
import { customRule } from '../messages';
import { channel } from './define';
import { birthDate, empty, id, kanaName, optionalText, personName } from './fields';
import { z } from './zod';

export const RELATIONSHIPS = ['spouse', 'child', 'father', 'mother', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** A dependent's own fields, as typed. 第3号被保険者 is a spouse's status only. */
export const dependentFieldShape = {
  relationship: z.enum(RELATIONSHIPS),
  familyName: personName,
  givenName: personName,
  familyNameKana: kanaName,
  givenNameKana: kanaName,
  birthDate: optionalText(birthDate),
  taxDependent: z.boolean().optional(),
  category3: z.boolean().optional(),
};

/** 第3号被保険者 (category3) may be set for a spouse only. */
export function spouseOnlyCategory3<T extends z.ZodType<{ relationship: Relationship; category3?: boolean | undefined }>>(schema: T) {
  return schema.refine((d) => !d.category3 || d.relationship === 'spouse', { path: ['category3'], ...customRule('spouseOnly') });
}

export const dependentFields = spouseOnlyCategory3(z.object(dependentFieldShape));

export const dependentRow = z.object({
  id: z.string(),
  registrantId: z.string(),
  relationship: z.enum(RELATIONSHIPS),
  familyName: z.string(),
  givenName: z.string(),
  familyNameKana: z.string(),
  givenNameKana: z.string(),
  birthDate: z.string().nullable(),
  taxDependent: z.boolean(),
  category3: z.boolean(),
  /** Whether a number is held — never the number itself. */
  hasMyNumber: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DependentRow = z.infer<typeof dependentRow>;

export const dependentsChannels = {
  'dependents.list': channel({
    input: z.object({ registrantId: id }),
    output: z.object({ rows: z.array(dependentRow) }),
  }),
  'dependents.create': channel({
    input: spouseOnlyCategory3(z.object({ registrantId: id, ...dependentFieldShape })),
    output: z.object({ id: z.string() }),
  }),
  /** Replaces the dependent's fields (omitted flags are false, as on create). */
  'dependents.update': channel({
    input: spouseOnlyCategory3(z.object({ id, ...dependentFieldShape })),
    output: empty,
  }),
};
