// The kinds of identity document (本人確認書類) and the combinations accepted, in a file of
// their own so the phone API and the submissions contract can both name them.

export const DOCUMENT_KINDS = ['card_front', 'card_back', 'notice_card', 'resident_record', 'photo_id'] as const;

/**
 * The accepted combinations of identity documents (番号確認 + 身元確認) and the kinds each
 * needs: the card alone (both sides), or a number document plus a photo ID.
 */
export const DOCUMENT_SETS = ['card', 'notice_card_and_id', 'resident_record_and_id'] as const;
export type DocumentSet = (typeof DOCUMENT_SETS)[number];
export const DOCUMENT_SET_KINDS: Record<DocumentSet, readonly (typeof DOCUMENT_KINDS)[number][]> = {
  card: ['card_front', 'card_back'],
  notice_card_and_id: ['notice_card', 'photo_id'],
  resident_record_and_id: ['resident_record', 'photo_id'],
};
