// Collection settings: company name, the company passcode (hashed with the password hash,
// argon2id; never returned, never logged), whether the birth date is asked, link validity.
import type { CallContext } from '../../kernel/context';
import { hashPassword } from '../auth';
import type { CollectionRepository } from './repository';

export interface CollectionSettingsInput {
  companyName: string;
  passcode?: string | undefined;
  requireBirthDate: boolean;
  linkValidDays: number;
}

export function createCollectionSettingsService({ repository }: { repository: CollectionRepository }) {
  return {
    current: () => repository.settings(),

    view() {
      const s = repository.settings();
      return { companyName: s.companyName, passcodeSet: s.passcodeHash !== null, requireBirthDate: s.requireBirthDate, linkValidDays: s.linkValidDays };
    },

    async configure(ctx: CallContext, input: CollectionSettingsInput) {
      // Hashed before the transaction: argon2 takes tens of milliseconds.
      const passcodeHash = input.passcode === undefined ? undefined : await hashPassword(input.passcode);
      ctx.tx(() => {
        const previous = repository.settings();
        const next = {
          companyName: input.companyName,
          passcodeHash: passcodeHash ?? previous.passcodeHash,
          requireBirthDate: input.requireBirthDate,
          linkValidDays: input.linkValidDays,
        };
        repository.setSettings(next);
        // The names of what changed (a new passcode is named, never given).
        const changed = (Object.keys(next) as (keyof typeof next)[])
          .filter((k) => (k === 'passcodeHash' ? passcodeHash !== undefined : next[k] !== previous[k]))
          .map((k) => (k === 'passcodeHash' ? 'passcode' : k));
        ctx.audit({
          action: 'collection.configure',
          detail: { changed: changed.join(','), requireBirthDate: input.requireBirthDate, linkValidDays: input.linkValidDays },
        });
      });
      return {};
    },
  };
}

export type CollectionSettingsService = ReturnType<typeof createCollectionSettingsService>;
