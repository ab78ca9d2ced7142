// What the administrator's dashboard shows of the vault itself: no person in it.
import { channel } from './define';
import { empty } from './fields';
import { z } from './zod';

export const systemChannels = {
  'system.facts': channel({
    input: empty,
    output: z.object({
      /** The app's version. */
      version: z.string(),
      /** The database file with its write-ahead log, in bytes. */
      databaseBytes: z.number().int(),
      /** Where the keys are kept: the OS keychain, or a passphrase-wrapped file. */
      keyStore: z.enum(['os', 'file']),
      /** Failed sign-ins (password or second step) in the last 7 days. */
      failedLoginsLast7Days: z.number().int(),
    }),
  }),
};
