// The audit module: reading the trail and checking its chain.
import type { Db } from '../../platform/db/open';
import { auditHandlers } from './handlers';
import { createAuditReportRepository } from './report-repository';
import { createAuditService, type AuditDeps } from './service';

export function createAuditModule({ db, ...deps }: Omit<AuditDeps, 'report'> & { db: Db }) {
  return { handlers: auditHandlers(createAuditService({ ...deps, report: createAuditReportRepository(db) })) };
}
