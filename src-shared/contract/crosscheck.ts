// The cross-check of a submission (issue 9, point 6): whether the number the registrant typed
// is the one read from the photos of their documents — the QR code on the back of the card, or
// the digits printed on a 通知カード or 住民票. Advice for the reviewer, never a refusal, and
// the only thing that leaves the check: what was read is never stored, logged or returned.
// Not a channel of its own: the review's outputs carry a verdict (crossCheckVerdict).
import { z } from './zod';

/** 写真の番号と一致 · 写真の番号と不一致 · 写真から読み取れず (labels: the review screen's crossCheck.<verdict>). */
export const CROSS_CHECK_VERDICTS = ['match', 'mismatch', 'unreadable'] as const;
export type CrossCheckVerdict = (typeof CROSS_CHECK_VERDICTS)[number];

export const crossCheckVerdict = z.enum(CROSS_CHECK_VERDICTS);
