// First run: the first administrator, their authenticator, the recovery code.
import { channel } from './define';
import { displayName, email, empty, loginId, otpCode, password } from './fields';
import { z } from './zod';

export const setupChannels = {
  'setup.status': channel({
    input: empty,
    output: z.object({ initialized: z.boolean() }),
  }),
  'setup.createAdmin': channel({
    input: z.object({ loginId, displayName, email, password }),
    output: z.object({
      userId: z.string(),
      totp: z.object({ secret: z.string(), otpauthUrl: z.string() }),
      recoveryCode: z.string(),
    }),
  }),
  'setup.confirmTotp': channel({
    input: z.object({ code: otpCode }),
    output: empty,
  }),
};
