// Where a registrant stands (未登録, 承認待ち, 差戻し, 拒否, 完了): moving the status by hand
// along the status table, its history, and unlocking a completed record for a correction.
// The table itself lives once, in the core's status module; `next` tells the UI what it allows.
import { REGISTRANT_STATUSES } from '../domain';
import { customRule } from '../messages';
import { isValidMyNumber } from '../mynumber';
import { channel } from './define';
import { id, optionalText } from './fields';
import { z } from './zod';

/** How a status was reached: by hand, by a submission's review, by HR storing the number, or an unlock. */
export const STATUS_VIAS = ['manual', 'submit', 'approve', 'return', 'decline', 'staffEntry', 'unlock'] as const;
export type StatusVia = (typeof STATUS_VIAS)[number];

/**
 * Does the text hold what reads as a My Number (12 digits with a valid check digit, spaces
 * or hyphens between them allowed)? A reason is kept in plain text, so it must not hold one.
 */
export function containsMyNumber(text: string): boolean {
  const joined = text.normalize('NFKC').replace(/(\d)[\s\u3000\-\u2010-\u2015\u2212\u30FC]+(?=\d)/g, '$1');
  return (joined.match(/\d+/g) ?? []).some((run) => run.length === 12 && isValidMyNumber(run));
}

/** Why: a short free text, written to the record (never into the audit trail). */
export const reasonText = z
  .string()
  .trim()
  .min(1, { abort: true })
  .max(500, { abort: true })
  .refine((v) => !containsMyNumber(v), customRule('noMyNumber'));

export const statusHistoryRow = z.object({
  at: z.string(),
  actorId: z.string().nullable(),
  /** The actor's login ID at the time. */
  actorLabel: z.string().nullable(),
  from: z.enum(REGISTRANT_STATUSES),
  to: z.enum(REGISTRANT_STATUSES),
  via: z.enum(STATUS_VIAS),
  reason: z.string().nullable(),
  submissionId: z.string().nullable(),
});

export const registrantStatusChannels = {
  'registrants.transition': channel({
    input: z.object({ registrantId: id, to: z.enum(REGISTRANT_STATUSES), reason: optionalText(reasonText) }),
    output: z.object({ status: z.enum(REGISTRANT_STATUSES) }),
  }),
  'registrants.history': channel({
    input: z.object({ registrantId: id }),
    output: z.object({
      /** Oldest first. */
      rows: z.array(statusHistoryRow),
      status: z.enum(REGISTRANT_STATUSES),
      /** A completed record refuses edits of identity fields and numbers until an admin unlocks it. */
      locked: z.boolean(),
      unlockedUntil: z.string().nullable(),
      /** The moves this caller may make by hand from here (registrants.transition). */
      next: z.array(z.object({ to: z.enum(REGISTRANT_STATUSES), reasonRequired: z.boolean() })),
    }),
  }),
  'registrants.unlock': channel({
    input: z.object({ registrantId: id, reason: reasonText }),
    output: z.object({ until: z.string() }),
  }),
};
