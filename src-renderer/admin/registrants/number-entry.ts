// May HR store a number directly (mynumber.set) now? Not when the proxy-entry setting asks
// for a second user's approval (submissions.getSettings().reviewRequiredNow): the core then
// refuses it (errors.mynumber.reviewRequired), and numbers go in through 代理入力 and review.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useVaultQuery } from '../data/query';
import { useSession } from '../session/session';

export interface NumberEntry {
  /** The user may store a number directly, and the setting lets them: offer 登録 / 訂正. */
  direct: boolean;
  /** Direct entry is refused by the setting: offer 代理入力 instead. */
  reviewRequired: boolean;
  /** The user may make a proxy entry (代理入力). */
  proxy: boolean;
}

export function useNumberEntry(): NumberEntry {
  const { can } = useSession();
  const maySet = can('mynumber.set');
  const settings = useVaultQuery('submissions.getSettings', {}, { enabled: can('submissions.getSettings') });
  const known = settings.data !== undefined;
  const reviewRequired = settings.data?.reviewRequiredNow === true;
  return { direct: maySet && known && !reviewRequired, reviewRequired, proxy: can('submissions.createProxy') };
}

/** After a reveal (a plain call, never cached): the audit excerpt is read again. */
export function useAfterReveal(): () => void {
  const client = useQueryClient();
  return useCallback(() => void client.invalidateQueries({ queryKey: ['audit'] }), [client]);
}
