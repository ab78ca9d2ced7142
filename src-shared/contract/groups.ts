// Groups (店舗・支店) that registrants belong to, and that a manager or viewer may be limited
// to (users.create/update groupIds). Admins change them; everyone lists the groups they reach.
import { channel } from './define';
import { empty, id } from './fields';
import { z } from './zod';

const groupName = z.string().trim().min(1).max(50);

export const groupRow = z.object({
  id: z.string(),
  name: z.string(),
  sortOrder: z.number().int(),
  /** Registrants in the group. */
  memberCount: z.number().int(),
});
export type GroupRow = z.infer<typeof groupRow>;

export const groupsChannels = {
  /** The groups the caller reaches (a limited user: theirs), in display order. */
  'groups.list': channel({
    input: empty,
    output: z.object({ rows: z.array(groupRow) }),
  }),
  'groups.create': channel({
    input: z.object({ name: groupName }),
    output: z.object({ id: z.string() }),
  }),
  'groups.update': channel({
    input: z.object({ id, name: groupName.optional(), sortOrder: z.number().int().min(0).max(1_000_000).optional() }),
    output: empty,
  }),
  /**
   * Refused (CONFLICT) while registrants belong to the group or users are limited to it,
   * unless `moveTo` names the group they all move to, in the same transaction.
   */
  'groups.delete': channel({
    input: z.object({ id, moveTo: id.optional() }),
    output: empty,
  }),
};
