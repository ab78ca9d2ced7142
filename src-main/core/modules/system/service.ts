// Facts about the vault for its administrator: version, database size, key store, failed
// sign-ins of the last week. Counts and sizes only, so reading them is not audited.
import fs from 'node:fs';
import type { CallContext } from '../../kernel/context';
import type { AuditLog } from '../../platform/audit/audit-log';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const FAILED_SIGN_IN_ACTIONS = ['auth.login', 'auth.verify'] as const;

export interface SystemDeps {
  version: string;
  dbFile: string;
  keyStore: 'os' | 'file';
  auditLog: AuditLog;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

export function createSystemService({ version, dbFile, keyStore, auditLog }: SystemDeps) {
  return {
    facts(ctx: CallContext) {
      const from = new Date(ctx.now.getTime() - WEEK_MS).toISOString();
      const failedLoginsLast7Days = FAILED_SIGN_IN_ACTIONS.reduce(
        (sum, action) => sum + auditLog.query({ action, outcome: 'failure', from }, 0, 1).total,
        0,
      );
      return { version, databaseBytes: sizeOf(dbFile) + sizeOf(`${dbFile}-wal`), keyStore, failedLoginsLast7Days };
    },
  };
}

export type SystemService = ReturnType<typeof createSystemService>;
