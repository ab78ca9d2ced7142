// Login in two steps, the signed-in session, and the password reminder.
import { SECOND_FACTORS } from '../domain';
import { channel } from './define';
import { empty, id, isoDate, otpCode, password, totpEnrolment, typedLoginId } from './fields';
import { userSummary } from './users';
import { z } from './zod';

export const authChannels = {
  'auth.login': channel({
    input: z.object({ loginId: typedLoginId, password }),
    output: z.object({
      challengeId: z.string(),
      factor: z.enum(SECOND_FACTORS),
      /** Only when the user has no authenticator yet: scan this, then enter a code from it. */
      enrolment: totpEnrolment.optional(),
      /** For the e-mail factor: where the code went, masked (ta***@example.co.jp). */
      sentTo: z.string().optional(),
      /** The e-mail code is asked first because an authenticator must be enrolled after it. */
      enrolmentFollows: z.boolean().optional(),
    }),
  }),
  'auth.verify': channel({
    input: z.object({ challengeId: id, code: otpCode }),
    /**
     * Signed in; or, when an existing account must enrol an authenticator, its e-mail code was
     * right and this is the secret to enrol: verify again on the same challenge with a code
     * from the app.
     */
    output: z.union([z.object({ user: userSummary, mustChangePassword: z.boolean() }), z.object({ enrolment: totpEnrolment })]),
  }),
  'auth.resendCode': channel({
    input: z.object({ challengeId: id }),
    output: z.object({ sentTo: z.string() }),
  }),
  'auth.reauth': channel({
    input: z.object({ password }),
    output: z.object({ until: isoDate }),
  }),
  'auth.keepAlive': channel({
    input: empty,
    output: z.object({ idleLockAt: isoDate }),
  }),
  'auth.lock': channel({
    input: empty,
    output: empty,
  }),
  'auth.logout': channel({
    input: empty,
    output: empty,
  }),
  'auth.me': channel({
    input: empty,
    output: z.object({
      user: userSummary.nullable(),
      /** The signed-in user's own account details, for the account page. */
      account: z.object({ email: z.string(), secondFactor: z.enum(SECOND_FACTORS), totpEnrolled: z.boolean() }).nullable(),
      reauthUntil: isoDate.nullable(),
      mustChangePassword: z.boolean(),
      idleLockMinutes: z.number().int(),
      /** Set when the session was locked (idle, OS lock): the lock screen asks this user to log in again. */
      locked: z.object({ loginId: z.string(), displayName: z.string() }).nullable(),
    }),
  }),
  'auth.requestReset': channel({
    input: z.object({ loginId: typedLoginId }),
    output: z.object({ challengeId: z.string() }),
  }),
  'auth.completeReset': channel({
    input: z.object({ challengeId: id, code: otpCode, newPassword: password }),
    output: empty,
  }),
};
