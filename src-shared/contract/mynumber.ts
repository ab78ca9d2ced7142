// My Numbers: stored by HR, revealed for a stated purpose of use (利用目的).
import { channel } from './define';
import { empty, id, myNumberInput } from './fields';
import { z } from './zod';

/** Whose number: a registrant's own, or one of their dependents'. */
export const numberSubject = z.union([z.object({ registrantId: id }).strict(), z.object({ dependentId: id }).strict()]);
export type NumberSubjectInput = z.infer<typeof numberSubject>;

export const mynumberChannels = {
  'purposes.list': channel({
    input: empty,
    output: z.object({ rows: z.array(z.object({ id: z.string(), label: z.string() })) }),
  }),
  'mynumber.set': channel({
    input: z.object({ subject: numberSubject, myNumber: myNumberInput }),
    output: empty,
  }),
  'mynumber.reveal': channel({
    input: z.object({ subject: numberSubject, purposeId: id }),
    output: z.object({ myNumber: z.string() }),
  }),
};
