// Attributes (属性) of registrants: the built-in codes (ATTRIBUTE_CODES) and those an admin
// adds. An attribute is never deleted: a retired one is given to nobody new and stays readable
// on the rows that have it.
import { channel } from './define';
import { attributeCode, empty } from './fields';
import { z } from './zod';

const attributeLabel = z.string().trim().min(1).max(50);

export const attributeRow = z.object({
  code: attributeCode,
  /** The built-in ones' labels are the UI's own translations; this is the Japanese one. */
  label: z.string(),
  builtin: z.boolean(),
  retired: z.boolean(),
  sortOrder: z.number().int(),
  /** Registrants that have it. */
  inUse: z.number().int(),
});
export type AttributeRow = z.infer<typeof attributeRow>;

export const attributesChannels = {
  /** Every attribute, retired ones included, in display order. */
  'attributes.list': channel({
    input: empty,
    output: z.object({ rows: z.array(attributeRow) }),
  }),
  /** An admin adds one; its code (x_…) is made up by the core. */
  'attributes.create': channel({
    input: z.object({ label: attributeLabel }),
    output: z.object({ code: attributeCode }),
  }),
  /** Rename (an added one only), reorder, retire or bring back the attribute of this code. */
  'attributes.update': channel({
    input: z.object({ attribute: attributeCode, label: attributeLabel.optional(), sortOrder: z.number().int().min(0).max(1_000_000).optional(), retired: z.boolean().optional() }),
    output: empty,
  }),
};
