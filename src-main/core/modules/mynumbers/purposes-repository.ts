// The purposes of use (利用目的) a number may be revealed for; seeded by migration 0020.
import type { Db } from '../../platform/db/open';

export interface Purpose {
  id: string;
  label: string;
}

export function createPurposeRepository(db: Db) {
  return {
    listActive(): Purpose[] {
      return db.prepare<[], Purpose>('SELECT id, label FROM purposes WHERE retired = 0 ORDER BY sort_order, id').all();
    },
    findActive(id: string): Purpose | null {
      return db.prepare<[string], Purpose>('SELECT id, label FROM purposes WHERE id = ? AND retired = 0').get(id) ?? null;
    },
  };
}

export type PurposeRepository = ReturnType<typeof createPurposeRepository>;
