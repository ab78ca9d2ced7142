// Where a registrant stands in collection (未登録, 承認待ち, 差戻し, 拒否, 完了). The moves
// between statuses are decided here and nowhere else; the full transition table with its
// history arrives with submissions and review.
import type { RegistrantStatus } from '../../../../src-shared/domain';
import type { RegistrantRepository } from './repository';

export interface StatusChange {
  from: RegistrantStatus;
  to: RegistrantStatus;
}

export function createRegistrantStatus(repository: RegistrantRepository) {
  return {
    /**
     * HR stored the number after checking the identity documents in person: collection for
     * this person is done. Call inside the transaction that stores the number.
     */
    numberStoredByStaff(registrantId: string, now: Date): StatusChange {
      const before = repository.findById(registrantId);
      if (!before) throw new Error('numberStoredByStaff: no such registrant');
      if (before.status !== 'completed') repository.setStatus(registrantId, 'completed', now);
      return { from: before.status, to: 'completed' };
    },
  };
}

export type RegistrantStatusService = ReturnType<typeof createRegistrantStatus>;
