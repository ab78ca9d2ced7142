// The phone API (DESIGN "The phone API"): what the collect form sends the LAN listener under
// /c/api/ and what it gets back, in the core's { ok, value } / { ok: false, error } shape.
// These are not channels of the admin contract: the phone form holds no staff session, and
// after `open` it carries `Authorization: Bearer <session>` instead.
import { z } from './zod';

export const COLLECT_STATES = ['open', 'submitted', 'returned', 'locked'] as const;

const collectState = z.object({
  registrant: z.object({ displayName: z.string() }),
  state: z.enum(COLLECT_STATES),
  returnReason: z.string().optional(),
});

export const phoneApi = {
  open: {
    // Lengths are bounded; a token of the wrong shape is simply one that opens nothing.
    input: z.object({
      token: z.string().max(200),
      passcode: z.string().max(200),
      birthDate: z.string().max(40).optional(),
    }),
    output: collectState.extend({ session: z.string() }),
  },
  state: {
    input: z.object({}),
    output: collectState,
  },
};

export type CollectOpenValue = z.infer<typeof phoneApi.open.output>;
export type CollectStateValue = z.infer<typeof phoneApi.state.output>;
