// audit.*: translation between the contract and the audit service.
import type { ChannelName } from '../../../../src-shared/access';
import type { Handlers } from '../../kernel/context';
import type { AuditService } from './service';

export type AuditChannel = Extract<ChannelName, `audit.${string}`>;

export function auditHandlers(audit: AuditService): Handlers<AuditChannel> {
  return {
    'audit.query': (input, ctx) => audit.query(ctx, input),
    'audit.export': (input, ctx) => audit.export(ctx, input),
    'audit.report': (input, ctx) => audit.report(ctx, input),
    'audit.reportCsv': (input, ctx) => audit.reportCsv(ctx, input),
    'audit.actors': () => audit.actors(),
    'audit.verify': (_input, ctx) => audit.verify(ctx),
    'audit.status': () => audit.status(),
  };
}
