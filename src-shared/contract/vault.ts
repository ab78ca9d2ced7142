// The vault's keys: their rotation (鍵の更新). The rotation is recorded at once and carried
// out when the vault next opens (restart the app, or run `mnv rekey`), with nothing else
// reading the vault while every value is re-sealed and the database file rekeyed.
import { channel } from './define';
import { empty } from './fields';
import { z } from './zod';

export const rekeyInput = z.object({
  /** Keep the current recovery code (typed again, and checked) or issue a new one (shown once). */
  recovery: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('keep'), recoveryCode: z.string().trim().min(1).max(100) }),
    z.object({ mode: z.literal('issueNew') }),
  ]),
});

const rekeyState = z.object({
  /** A rotation recorded and not yet carried out. */
  pending: z.boolean(),
  startedAt: z.string().nullable(),
});

export const vaultChannels = {
  'vault.rekey': channel({
    input: rekeyInput,
    output: z.object({
      state: z.literal('scheduled'),
      startedAt: z.string(),
      /** The new recovery code when one was asked for: shown once, never again. */
      recoveryCode: z.string().nullable(),
    }),
  }),
  'vault.rekeyStatus': channel({
    input: empty,
    output: rekeyState,
  }),
};
