// Collection settings: the company name the phone form shows, the company passcode
// (会社パスコード, asked before anything personal is shown; stored hashed, never returned),
// whether the registered birth date is asked too, and how long an invitation link lasts.
import { channel } from './define';
import { empty } from './fields';
import { z } from './zod';

export const LINK_VALID_DAYS_DEFAULT = 14;
export const PASSCODE_MIN_LENGTH = 6;
export const PASSCODE_MAX_LENGTH = 64;

export const collectionSettingsView = z.object({
  companyName: z.string(),
  passcodeSet: z.boolean(),
  requireBirthDate: z.boolean(),
  linkValidDays: z.number().int(),
});

export const collectionChannels = {
  'collection.getSettings': channel({ input: empty, output: collectionSettingsView }),
  'collection.configure': channel({
    input: z.object({
      companyName: z.string().trim().min(1).max(100),
      /** Omitted: keep the stored passcode. */
      passcode: z.string().min(PASSCODE_MIN_LENGTH).max(PASSCODE_MAX_LENGTH).optional(),
      requireBirthDate: z.boolean(),
      linkValidDays: z.number().int().min(1).max(90),
    }),
    output: empty,
  }),
};
