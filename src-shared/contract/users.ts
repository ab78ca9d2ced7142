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
  /** The groups (店舗・支店) the user is limited to; empty: every group. */
  groupIds: z.array(z.string()),
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

/**
 * The groups a manager or viewer is limited to: they reach only those groups' registrants.
 * Empty (or, at creation, absent): every group. Admins reach every group and take none.
 */
const groupIds = z.array(id).max(100);

export const usersChannels = {
  'users.list': channel({
    input: empty,
    output: z.object({ rows: z.array(userDetail) }),
  }),
  'users.create': channel({
    input: userFields.extend({ groupIds: groupIds.optional() }),
    output: z.object({ id: z.string() }),
  }),
  'users.update': channel({
    /** groupIds absent: the user's groups stay as they are (a user becoming admin loses them). */
    input: z.object({ id, displayName, email, role: z.enum(ROLES), secondFactor: z.enum(SECOND_FACTORS), groupIds: groupIds.optional() }),
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
