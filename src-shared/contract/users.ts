// Login users, managed by admins.
import { ROLES, SECOND_FACTORS } from '../domain';
import { channel } from './define';
import { displayName, email, empty, id, loginId, password } from './fields';
import { z } from './zod';

export const userDetail = z.object({
  id: z.string(),
  loginId: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  secondFactor: z.enum(SECOND_FACTORS),
  totpEnrolled: z.boolean(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
});
export type UserDetail = z.infer<typeof userDetail>;

export const userSummary = z.object({
  id: z.string(),
  loginId: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
});
export type UserSummary = z.infer<typeof userSummary>;

export const userFields = z.object({ loginId, displayName, email, role: z.enum(ROLES), secondFactor: z.enum(SECOND_FACTORS), initialPassword: password });

export const usersChannels = {
  'users.list': channel({
    input: empty,
    output: z.object({ rows: z.array(userDetail) }),
  }),
  'users.create': channel({
    input: userFields,
    output: z.object({ id: z.string() }),
  }),
  'users.update': channel({
    input: z.object({ id, displayName, email, role: z.enum(ROLES), secondFactor: z.enum(SECOND_FACTORS) }),
    output: empty,
  }),
  'users.setDisabled': channel({
    input: z.object({ id, disabled: z.boolean() }),
    output: empty,
  }),
  'users.resetPassword': channel({
    input: z.object({ id, temporaryPassword: password }),
    output: empty,
  }),
  'users.unlock': channel({
    input: z.object({ id }),
    output: empty,
  }),
};
