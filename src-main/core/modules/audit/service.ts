// Reading the audit trail: rows newest first, each with what its target is called now, so a
// person reads "sato.k" or "山田 太郎" rather than an id, filtered if asked to what is about one
// registrant (them, their dependents, their submissions); the chain check; and the quick check
// of the database against the chain head kept outside it.
import type { AuditTargetKind } from '../../../../src-shared/audit-vocabulary';
import { AUDIT_EXPORT_MAX_ROWS, type CsvEncoding, type HandlingReport } from '../../../../src-shared/contract';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { AuditFilter, AuditLog } from '../../platform/audit/audit-log';
import type { AuditHeadMirror } from '../../platform/audit/head-mirror';
import { encodeTable } from '../csv/encode';
import { toSummary, type UserRepository } from '../users/repository';
import type { AuditReportRepository, CountRow, Period } from './report-repository';

/** The trail's filter as the contract gives it: the log's, with a registrant in place of a list of targets. */
export type AuditQueryFilter = Omit<AuditFilter, 'targetIds' | 'visible'> & { registrantId?: string | undefined };

export interface AuditDeps {
  auditLog: AuditLog;
  headMirror: AuditHeadMirror;
  users: UserRepository;
  /** The registrant, or NOT_FOUND when absent or outside the caller's sight (registrants.require). */
  requireRegistrant: (ctx: CallContext, id: string) => { id: string };
  /** The ids of a registrant's dependents and of their submissions: the other targets "about" them. */
  dependentIdsOf: (registrantId: string) => string[];
  submissionIdsOf: (registrantId: string) => string[];
  /** The caller's scope on the trail: entries about registrants they may not see are left out. */
  auditVisibility: (ctx: CallContext) => AuditFilter['visible'];
  /** What a target of each kind is called now, as the caller may know it; null when it is gone (or out of their sight). */
  labels: Partial<Record<AuditTargetKind, (id: string, ctx: CallContext) => string | null>>;
  report: AuditReportRepository;
  /** What the vault holds now, counted (registrants.heldCounts). */
  heldCounts: (ctx: CallContext) => HandlingReport['held'];
}

// What the handling report counts, by action.
const REVEALS = ['mynumber.reveal'] as const;
const IMAGE_VIEWS = ['documents.view'] as const;
const EXPORTS = ['csv.export', 'audit.export'] as const;
const LOGINS = ['auth.login', 'auth.verify'] as const;
/** Disposal actions are counted by their prefix, whatever the disposal module names them. */
const DISPOSAL_PREFIX = 'disposal.';
/** An image view's purpose (documents.view), which is no purpose of the purposes table. */
const PURPOSE_LABELS: Record<string, string> = { identity_check: '本人確認（番号確認・身元確認）', '': '（目的なし：番号を含まない）' };

/** A month of Japan's calendar (YYYY-MM) as instants: from its first 0:00 JST to the next month's. */
export function monthPeriod(month: string): Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const jst = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex, 1) - 9 * 3600_000).toISOString();
  return { from: jst(y, m - 1), to: jst(y, m) };
}

/** An instant as Japan reads it (YYYY-MM-DD HH:MM:SS), for files people open. */
function japanTime(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
}

function japanDay(now: Date): string {
  return japanTime(now.toISOString()).slice(0, 10).replaceAll('-', '');
}

/** A table as CSV bytes, or the csv module's refusal naming the cells CP932 cannot write. */
function csvBytes(header: string[], rows: string[][], encoding: CsvEncoding, audit: Parameters<CallContext['audit']>[0]): Buffer {
  const csv = encodeTable(header, rows, encoding);
  if (csv.ok) return csv.bytes;
  const places = csv.unencodable
    .slice(0, 5)
    .map((u) => `${u.row}行目「${u.column}」の「${u.characters}」`)
    .join('、');
  throw new AppError('VALIDATION', 'errors.csv.unencodable', { params: { count: csv.unencodable.length, places }, audit: { ...audit, outcome: 'failure', detail: { ...audit.detail, reason: 'unencodable' } } });
}

export function createAuditService({ auditLog, headMirror, users, labels, requireRegistrant, dependentIdsOf, submissionIdsOf, auditVisibility, report, heldCounts }: AuditDeps) {
  const targetLabel = (ctx: CallContext, type: string | null, id: string | null): string | null => {
    if (!type || !id) return null;
    return labels[type as AuditTargetKind]?.(id, ctx) ?? null;
  };

  /**
   * The targets whose entries are about a registrant: the registrant, their dependents and
   * their submissions (as they are now). NOT_FOUND when the caller may not see the registrant.
   */
  function targetsAbout(ctx: CallContext, registrantId: string): string[] {
    const registrant = requireRegistrant(ctx, registrantId);
    return [registrant.id, ...dependentIdsOf(registrant.id), ...submissionIdsOf(registrant.id)];
  }

  /** The contract's filter as the log takes it: the registrant's targets, the caller's scope. */
  function logFilter(ctx: CallContext, input: AuditQueryFilter | undefined): AuditFilter {
    const { registrantId, ...rest } = input ?? {};
    // With targetId as well, both narrow (target_id = … AND target_id IN …): one target of theirs, or nothing.
    return {
      ...rest,
      ...(registrantId === undefined ? {} : { targetIds: targetsAbout(ctx, registrantId) }),
      visible: auditVisibility(ctx),
    };
  }

  function buildReport(ctx: CallContext, month: string): HandlingReport {
    const period = monthPeriod(month);
    const labelled = (rows: CountRow[]) => rows.map((r) => ({ ...r, label: PURPOSE_LABELS[r.key] ?? r.label }));
    const perPurposeAndUser = (actions: readonly string[]) => {
      const byPurpose = labelled(report.byPurpose(actions, period));
      return { total: byPurpose.reduce((n, r) => n + r.count, 0), byPurpose, byUser: report.byUser(actions, period) };
    };
    const importsByUser = report.byUser(['csv.importCommit'], period);
    const disposals = report.byActionPrefix(DISPOSAL_PREFIX, period);
    const failures = report.failuresByReason(LOGINS, period);
    const head = auditLog.headBefore(period.to);
    return {
      month,
      ...period,
      generatedAt: ctx.now.toISOString(),
      held: heldCounts(ctx),
      reveals: perPurposeAndUser(REVEALS),
      imageViews: perPurposeAndUser(IMAGE_VIEWS),
      exports: perPurposeAndUser(EXPORTS),
      imports: { files: importsByUser.reduce((n, r) => n + r.count, 0), rows: report.sumOf('csv.importCommit', 'rows', period), byUser: importsByUser },
      disposals: { total: disposals.reduce((n, r) => n + r.count, 0), byAction: disposals },
      failedLogins: { total: failures.reduce((n, r) => n + r.count, 0), byReason: failures },
      chainHead: head ? { seq: head.seq, hashPrefix: head.hash.slice(0, 16), at: head.at } : null,
    };
  }

  return {
    query(ctx: CallContext, input: { filter?: AuditQueryFilter; offset?: number; limit?: number }) {
      const registrantId = input.filter?.registrantId;
      const filter = logFilter(ctx, input.filter);
      const result = auditLog.query(filter, input.offset ?? 0, input.limit ?? 100);
      const rows = result.rows.map((row) => ({ ...row, targetLabel: targetLabel(ctx, row.targetType, row.targetId) }));
      // One entry per call; whose trail was read is recorded too (no target: the entry reads the trail).
      ctx.tx(() => ctx.audit({ action: 'audit.query', detail: { returned: rows.length, registrantId } }));
      return { rows, total: result.total, totalIsLowerBound: result.totalIsLowerBound };
    },

    /**
     * The filtered entries as a CSV file, newest first; refused (and audited) when more than
     * AUDIT_EXPORT_MAX_ROWS match. The detail names the filters used, never their values but
     * the registrant's id and the purpose.
     */
    export(ctx: CallContext, input: { filter?: AuditQueryFilter; encoding: CsvEncoding }) {
      const filter = logFilter(ctx, input.filter);
      const used = Object.entries(input.filter ?? {})
        .filter(([, v]) => v !== undefined && v !== false && v !== '')
        .map(([k]) => k)
        .sort();
      const audit = {
        action: 'audit.export' as const,
        detail: { encoding: input.encoding, filters: used.join(','), registrantId: input.filter?.registrantId, purposeFilter: input.filter?.purpose },
      };
      const rows = auditLog.rows(filter, AUDIT_EXPORT_MAX_ROWS + 1);
      if (rows.length > AUDIT_EXPORT_MAX_ROWS) {
        throw new AppError('VALIDATION', 'errors.audit.exportTooLarge', {
          params: { maximum: AUDIT_EXPORT_MAX_ROWS },
          audit: { ...audit, outcome: 'failure', detail: { ...audit.detail, reason: 'too_many_rows' } },
        });
      }
      const header = ['番号', '日時', '操作者ID', '操作者', '操作', '結果', '対象の種類', '対象ID', '対象', '詳細'];
      const cells = rows.map((r) => [
        String(r.seq),
        japanTime(r.at),
        r.actorId ?? '',
        r.actorLabel ?? '',
        r.action,
        r.outcome,
        r.targetType ?? '',
        r.targetId ?? '',
        targetLabel(ctx, r.targetType, r.targetId) ?? '',
        r.detail ? JSON.stringify(r.detail) : '',
      ]);
      const bytes = csvBytes(header, cells, input.encoding, audit);
      ctx.tx(() => ctx.audit({ ...audit, detail: { ...audit.detail, rows: rows.length } }));
      return { fileName: `audit_log_${japanDay(ctx.now)}.csv`, contentBase64: bytes.toString('base64'), rowCount: rows.length };
    },

    /** The monthly handling report (取扱状況): counts only. Reading it is recorded. */
    report(ctx: CallContext, input: { month: string }) {
      const value = buildReport(ctx, input.month);
      ctx.tx(() => ctx.audit({ action: 'audit.report', detail: { month: input.month, format: 'page' } }));
      return value;
    },

    /** The report as CSV: one row per count (section, item, count), for a spreadsheet or the file. */
    reportCsv(ctx: CallContext, input: { month: string; encoding: CsvEncoding }) {
      const r = buildReport(ctx, input.month);
      const rows: string[][] = [];
      const add = (section: string, item: string, count: number | string) => rows.push([section, item, String(count)]);
      add('対象月', r.month, '');
      add('期間', `${japanTime(r.from)} 〜 ${japanTime(r.to)}`, '');
      add('保有', '登録者', r.held.registrants);
      add('保有', '個人番号のある登録者', r.held.withNumber);
      add('保有', '扶養親族', r.held.dependents);
      add('保有', '個人番号のある扶養親族', r.held.dependentsWithNumber);
      for (const a of r.held.byAttribute) add('保有（区分別）', a.label, `${a.registrants}（番号あり ${a.withNumber}）`);
      for (const g of r.held.byGroup) add('保有（グループ別）', g.label || '（グループなし）', `${g.registrants}（番号あり ${g.withNumber}）`);
      const section = (name: string, s: HandlingReport['reveals']) => {
        add(name, '合計', s.total);
        for (const p of s.byPurpose) add(`${name}（目的別）`, p.label, p.count);
        for (const u of s.byUser) add(`${name}（利用者別）`, u.label, u.count);
      };
      section('個人番号の表示', r.reveals);
      section('本人確認書類の画像の表示', r.imageViews);
      section('書き出し', r.exports);
      add('取り込み', 'ファイル', r.imports.files);
      add('取り込み', '行', r.imports.rows);
      for (const u of r.imports.byUser) add('取り込み（利用者別）', u.label, u.count);
      add('廃棄', '合計', r.disposals.total);
      for (const d of r.disposals.byAction) add('廃棄（操作別）', d.key, d.count);
      add('ログイン失敗', '合計', r.failedLogins.total);
      for (const f of r.failedLogins.byReason) add('ログイン失敗（理由別）', f.key, f.count);
      add('監査ログの最終記録', r.chainHead ? `No.${r.chainHead.seq} ${r.chainHead.hashPrefix}` : '（なし）', r.chainHead ? japanTime(r.chainHead.at) : '');
      const audit = { action: 'audit.report' as const, detail: { month: input.month, format: 'csv', encoding: input.encoding } };
      const bytes = csvBytes(['項目', '内訳', '件数'], rows, input.encoding, audit);
      ctx.tx(() => ctx.audit(audit));
      return { fileName: `handling_report_${input.month}.csv`, contentBase64: bytes.toString('base64'), rowCount: rows.length };
    },

    /** Everyone who could appear as an actor, for the trail's filter: login users, disabled ones included. */
    actors: () => ({ rows: users.list().map(toSummary) }),

    async verify(ctx: CallContext) {
      const result = auditLog.verify(await headMirror.read());
      ctx.tx(() =>
        ctx.audit({
          action: 'audit.verify',
          outcome: result.ok ? 'success' : 'failure',
          detail: { checked: result.checked, firstBadSeq: result.firstBadSeq ?? null, problem: result.problem ?? null },
        }),
      );
      return result;
    },

    async status() {
      const problem = auditLog.checkHead(await headMirror.read());
      return { headOk: problem === null, problem };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
