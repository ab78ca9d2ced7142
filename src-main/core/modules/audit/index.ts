// The audit module: reading the trail and checking its chain.
import { auditHandlers } from './handlers';
import { createAuditService, type AuditDeps } from './service';

export function createAuditModule(deps: AuditDeps) {
  return { handlers: auditHandlers(createAuditService(deps)) };
}
