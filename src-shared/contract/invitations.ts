// Invitation links (収集用リンク): one live link per registrant, its token carried only in the
// URL fragment (https://host:port/c/#<token>) and shown only by `invitations.issue`; issuing
// again revokes the previous link. Reads never carry a token.
import { recipientTarget } from './collection';
import { channel } from './define';
import { id } from './fields';
import { z } from './zod';

export const MAX_INVITATIONS_PER_CALL = 500;

/**
 * live: usable; locked: passcode failures, usable again at `lockedUntil`; blocked: too many
 * failures, until HR issues a new link; expired; replaced (issued again); revoked (by HR);
 * completed: the registrant's record is 完了, so the link no longer opens.
 */
export const INVITATION_STATES = ['live', 'locked', 'blocked', 'expired', 'replaced', 'revoked', 'completed'] as const;

export const invitationRow = z.object({
  id: z.string(),
  registrantId: z.string(),
  state: z.enum(INVITATION_STATES),
  issuedAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  failures: z.number().int(),
  lastOpenedAt: z.string().nullable(),
});

export const invitationsChannels = {
  'invitations.issue': channel({
    input: z.object({ registrantIds: z.array(id).min(1).max(MAX_INVITATIONS_PER_CALL) }),
    output: z.object({ links: z.array(z.object({ registrantId: z.string(), url: z.string(), expiresAt: z.string() })) }),
  }),
  'invitations.revoke': channel({
    input: z.object({ registrantId: id }),
    output: z.object({ revoked: z.boolean() }),
  }),
  'invitations.list': channel({
    input: z.object({ registrantId: id }),
    output: z.object({ rows: z.array(invitationRow) }),
  }),
  /**
   * A printable sheet per registrant (the QR sheet): a fresh link each, shown this once, for
   * the chosen registrants or a filter's (完了 ones left out).
   */
  'invitations.printSheet': channel({
    input: z.object({ target: recipientTarget }),
    output: z.object({
      companyName: z.string(),
      sheets: z.array(
        z.object({ registrantId: z.string(), name: z.string(), nameKana: z.string(), employeeCode: z.string().nullable(), url: z.string(), expiresAt: z.string() }),
      ),
      /** Found, but 完了 (a completed record gets no link). */
      notApplicable: z.number().int(),
    }),
  }),
};
