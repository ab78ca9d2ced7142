// The key rotation as the admin asks for it in the app: recorded now (the next keys beside the
// current ones, in the key store and the recovery file), carried out at the vault's next open,
// when nothing else reads it (platform/rekey). The CLI's `mnv rekey` does both at once.
import { AppError } from '../../kernel/errors';
import type { CallContext } from '../../kernel/context';
import type { Db } from '../../platform/db/open';
import type { KeyStore } from '../../platform/keys/keystore';
import type { VaultKeys } from '../../platform/keys/vault-keys';
import { beginRekey, type RecoveryChoice } from '../../platform/rekey/rekey';

export interface VaultKeysHolder {
  current(): VaultKeys;
  replace(keys: VaultKeys): void;
}

export interface RekeyServiceDeps {
  db: Db;
  dataDir: string;
  vaultId: string;
  keyStore: KeyStore;
  keys: VaultKeysHolder;
}

export type RekeyRequest = { mode: 'keep'; recoveryCode: string } | { mode: 'issueNew' };

export function createRekeyService({ db, dataDir, vaultId, keyStore, keys }: RekeyServiceDeps) {
  return {
    async rekey(ctx: CallContext, request: RekeyRequest) {
      const recovery: RecoveryChoice = request.mode === 'keep' ? { keep: request.recoveryCode } : { issueNew: true };
      const result = await beginRekey({
        db,
        dataDir,
        vaultId,
        keyStore,
        keys: keys.current(),
        recovery,
        showsCodeNow: true,
        clock: { now: () => ctx.now },
        audit: (entry) => ctx.tx(() => ctx.audit(entry)),
      });
      if ('refused' in result) {
        if (result.refused === 'mailsQueued') throw new AppError('CONFLICT', 'errors.rekey.mailsQueued', { params: { count: result.count } });
        throw new AppError('VALIDATION', 'errors.rekey.wrongRecoveryCode');
      }
      keys.replace(result.keys);
      const { pending } = result;
      // A rotation recorded before is not recorded again, and its code is never shown twice.
      const shown = pending.newRecoveryCode && !result.alreadyRecorded ? pending.recoveryCode : null;
      return { state: 'scheduled' as const, startedAt: pending.startedAt, recoveryCode: shown };
    },

    status() {
      const pending = keys.current().pending;
      return { pending: pending !== undefined, startedAt: pending?.startedAt ?? null };
    },
  };
}

export type RekeyService = ReturnType<typeof createRekeyService>;
