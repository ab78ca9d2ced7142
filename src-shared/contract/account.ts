// A user's own account: password, e-mail, second factor.
import { channel } from './define';
import { email, empty, id, otpCode, password, totpEnrolment } from './fields';
import { z } from './zod';

export const accountChannels = {
  'account.changePassword': channel({
    input: z.object({ currentPassword: password, newPassword: password }),
    output: empty,
  }),
  'account.changeEmail': channel({
    input: z.object({ email }),
    output: empty,
  }),
  'account.beginTotpEnrolment': channel({
    input: empty,
    output: totpEnrolment.extend({ enrolmentId: z.string() }),
  }),
  'account.confirmTotpEnrolment': channel({
    input: z.object({ enrolmentId: id, code: otpCode }),
    output: empty,
  }),
  'account.useEmailFactor': channel({
    input: empty,
    output: empty,
  }),
};
