// The handling report's counts, straight from the trail: entries of some actions within a
// month, by purpose of use, by user, by reason. Only counts leave here.
import type { Db } from '../../platform/db/open';
import { AUDIT_PURPOSE_SQL } from '../../platform/audit/audit-log';

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface Period {
  from: string;
  to: string;
}

export function createAuditReportRepository(db: Db) {
  const inList = (actions: readonly string[]) => {
    const params: Record<string, string> = {};
    actions.forEach((a, i) => (params[`a${i}`] = a));
    return { sql: `action IN (${actions.map((_, i) => `@a${i}`).join(', ')})`, params };
  };
  const successIn = (actions: readonly string[], period: Period) => {
    const list = inList(actions);
    return { sql: `${list.sql} AND outcome = 'success' AND at >= @from AND at < @to`, params: { ...list.params, ...period } };
  };

  return {
    /** Successful entries of these actions in the period, by purpose of use ('' for none), with the purpose's label where it has one. */
    byPurpose(actions: readonly string[], period: Period): CountRow[] {
      const w = successIn(actions, period);
      return db
        .prepare<Record<string, string>, { key: string; label: string | null; n: number }>(
          `SELECT e.key, p.label, e.n FROM
             (SELECT coalesce(${AUDIT_PURPOSE_SQL}, '') AS key, count(*) AS n FROM audit_log WHERE ${w.sql} GROUP BY 1) e
           LEFT JOIN purposes p ON p.id = e.key ORDER BY p.sort_order, e.key`,
        )
        .all(w.params)
        .map((r) => ({ key: r.key, label: r.label ?? r.key, count: r.n }));
    },

    /** The same, by the user who made them (their login ID as recorded). */
    byUser(actions: readonly string[], period: Period): CountRow[] {
      const w = successIn(actions, period);
      return db
        .prepare<Record<string, string>, { key: string | null; label: string | null; n: number }>(
          `SELECT actor_id AS key, max(actor_label) AS label, count(*) AS n FROM audit_log WHERE ${w.sql} GROUP BY actor_id ORDER BY 2`,
        )
        .all(w.params)
        .map((r) => ({ key: r.key ?? '', label: r.label ?? '', count: r.n }));
    },

    /** Successful entries whose action begins with `prefix`, by action. */
    byActionPrefix(prefix: string, period: Period): CountRow[] {
      return db
        .prepare<Record<string, string>, { action: string; n: number }>(
          `SELECT action, count(*) AS n FROM audit_log WHERE action >= @prefix AND action < @beyond AND outcome = 'success' AND at >= @from AND at < @to GROUP BY action ORDER BY action`,
        )
        .all({ prefix, beyond: `${prefix}\uffff`, ...period })
        .map((r) => ({ key: r.action, label: r.action, count: r.n }));
    },

    /** Refused or failed entries of these actions, by the reason recorded. */
    failuresByReason(actions: readonly string[], period: Period): CountRow[] {
      const list = inList(actions);
      return db
        .prepare<Record<string, string>, { reason: string | null; n: number }>(
          `SELECT json_extract(detail, '$.reason') AS reason, count(*) AS n FROM audit_log
           WHERE ${list.sql} AND outcome <> 'success' AND at >= @from AND at < @to GROUP BY 1 ORDER BY 1`,
        )
        .all({ ...list.params, ...period })
        .map((r) => ({ key: r.reason ?? '', label: r.reason ?? '', count: r.n }));
    },

    /** The sum of a numeric detail field over the successful entries of one action. */
    sumOf(action: string, field: string, period: Period): number {
      return (
        db
          .prepare<Record<string, string>, { n: number | null }>(
            `SELECT sum(json_extract(detail, @path)) AS n FROM audit_log WHERE action = @action AND outcome = 'success' AND at >= @from AND at < @to`,
          )
          .get({ action, path: `$.${field}`, ...period })?.n ?? 0
      );
    },
  };
}

export type AuditReportRepository = ReturnType<typeof createAuditReportRepository>;
