// How an audit row reads to a person: the time with seconds in local time, the operation's
// label, what it was done to, and its detail as short "label: value" pairs. Known codes
// (reasons, roles, purposes, changed fields, chain problems...) are translated; anything else
// is shown as written.
import { useTranslation } from 'react-i18next';
import { isChannelName } from '../../../src-shared/access';
import { AUDIT_TARGET_KINDS, isAuditAction, isAuditReason } from '../../../src-shared/audit-vocabulary';
import { AUDIT_CHAIN_PROBLEMS, RELATIONSHIPS, STATUS_VIAS, dependentFields, registrantRecordFields, type AuditRow } from '../../../src-shared/contract';
import { REGISTRANT_STATUSES, ROLES, SECOND_FACTORS, SMTP_SECURITY, type AttributeCode } from '../../../src-shared/domain';
import { useAttributes } from '../registrants/lookups';
import { usePurposeLabel } from '../registrants/purpose-labels';
import { useAuditLabels, type OtherChannel } from './labels';

export interface DetailItem {
  key: string;
  /** What the value is; null for a fact that reads alone ("絞り込みあり"). */
  label: string | null;
  value: string;
}

/** The fields an edit of a registrant or a dependent names as changed. */
const RECORD_FIELDS = [...new Set([...Object.keys(registrantRecordFields.shape), ...Object.keys(dependentFields.shape)])] as (
  | keyof typeof registrantRecordFields.shape
  | keyof typeof dependentFields.shape
)[];

function isOtherChannel(name: string): name is OtherChannel {
  return isChannelName(name) && !isAuditAction(name);
}

function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

function raw(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function useAuditFormat() {
  const { t, i18n } = useTranslation();
  const labels = useAuditLabels();
  const purposeLabel = usePurposeLabel();
  // Built-in attributes in the UI's language, an admin-added one by its label (its code while unknown).
  const attributes = useAttributes();
  const lang = i18n.resolvedLanguage === 'en' ? 'en-GB' : 'ja-JP';
  const dateTime = new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: lang === 'en-GB' ? 'short' : '2-digit',
    day: lang === 'en-GB' ? 'numeric' : '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const list = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });

  const action = (name: string): string => (isAuditAction(name) ? labels.actions[name] : name);
  const channel = (name: string): string => (isAuditAction(name) ? labels.actions[name] : isOtherChannel(name) ? labels.channels[name] : name);
  const role = (v: unknown) => (oneOf(ROLES, v) ? t(`roles.${v}`) : raw(v));
  const factor = (v: unknown) => (oneOf(SECOND_FACTORS, v) ? t(`factors.${v}`) : raw(v));
  const status = (v: unknown) => (oneOf(REGISTRANT_STATUSES, v) ? t(`registrants.statuses.${v}`) : raw(v));
  const codes = (v: unknown, label: (code: string) => string) =>
    list.format(
      String(v)
        .split(',')
        .filter((c) => c !== '')
        .map(label),
    );

  /** Who the row is about: its name now, else the kind of thing and a short id. */
  const target = (row: AuditRow): { text: string; title?: string } | null => {
    const kind = oneOf(AUDIT_TARGET_KINDS, row.targetType) ? labels.targetKinds[row.targetType] : row.targetType;
    if (row.targetLabel) return { text: row.targetLabel, title: kind ?? undefined };
    if (row.targetType && row.targetId) return { text: `${kind} ${row.targetId.slice(0, 8)}…`, title: row.targetId };
    if (row.targetType) return { text: kind ?? row.targetType };
    return null;
  };

  const details = (row: AuditRow): DetailItem[] => {
    const d = row.detail;
    if (!d) return [];
    const items: DetailItem[] = [];
    const used = new Set<string>();
    const has = (key: string) => d[key] !== undefined && d[key] !== null;
    const add = (key: string, label: string | null, value: string) => items.push({ key, label, value });
    const consume = (...keys: string[]) => keys.forEach((k) => used.add(k));
    const changedPair = (fromKey: string, toKey: string, label: string, show: (v: unknown) => string) => {
      if (!(fromKey in d) && !(toKey in d)) return;
      consume(fromKey, toKey);
      if (d[fromKey] !== d[toKey]) add(fromKey, label, t('auditPage.detail.arrow', { from: show(d[fromKey]), to: show(d[toKey]) }));
    };

    if (has('reason')) {
      consume('reason');
      add('reason', t('auditPage.detail.reason'), isAuditReason(d.reason) ? labels.reasons[d.reason] : raw(d.reason));
    }
    if (has('purpose')) {
      consume('purpose', 'purposeId');
      if (row.action === 'mynumber.reveal') {
        add('purpose', t('auditPage.detail.purpose'), purposeLabel({ id: raw(d.purposeId), label: raw(d.purpose) }));
      } else if (d.purpose === 'login' || d.purpose === 'reset') {
        add('purpose', t('auditPage.detail.codePurpose'), t(`auditPage.codePurposes.${d.purpose}`));
      } else {
        add('purpose', t('auditPage.detail.purpose'), raw(d.purpose));
      }
    }
    if (has('channel')) {
      consume('channel');
      add('channel', t('auditPage.detail.channel'), channel(raw(d.channel)));
    }
    if (has('role')) {
      consume('role');
      add('role', t('auditPage.detail.role'), role(d.role));
    }
    changedPair('fromRole', 'toRole', t('auditPage.detail.role'), role);
    if (has('secondFactor')) {
      consume('secondFactor');
      add('secondFactor', t('auditPage.detail.factor'), factor(d.secondFactor));
    }
    if (has('factor')) {
      consume('factor');
      add('factor', t('auditPage.detail.factor'), factor(d.factor));
    }
    changedPair('fromFactor', 'toFactor', t('auditPage.detail.factor'), factor);
    if ('emailChanged' in d) {
      consume('emailChanged');
      if (d.emailChanged === true) add('emailChanged', t('auditPage.detail.email'), t('auditPage.detail.emailChanged'));
    }
    if ('stage' in d) {
      consume('stage');
      if (d.stage === 'setup') add('stage', null, t('auditPage.detail.stageSetup'));
      else if (d.stage === 'before_enrolment') add('stage', null, t('auditPage.detail.stageBeforeEnrolment'));
      else if (d.stage !== 'password') add('stage', 'stage', raw(d.stage));
    }
    for (const flag of ['enrolling', 'enrolled'] as const) {
      if (!(flag in d)) continue;
      consume(flag);
      if (d[flag] === true) add(flag, null, t(`auditPage.detail.${flag}`));
    }
    if ('changed' in d) {
      consume('changed');
      if (d.changed) add('changed', t('auditPage.detail.changed'), codes(d.changed, (c) => (oneOf(RECORD_FIELDS, c) ? t(`auditPage.fields.${c}`) : c)));
    }
    if (has('attributes')) {
      consume('attributes');
      add('attributes', t('auditPage.detail.attributes'), codes(d.attributes, (c) => attributes.labelOf(c as AttributeCode)));
    }
    if (typeof d.returned === 'number') {
      consume('returned', 'total');
      add(
        'returned',
        t('auditPage.detail.count'),
        typeof d.total === 'number'
          ? t('auditPage.detail.countOf', { returned: d.returned, total: d.total })
          : t('auditPage.detail.countOnly', { returned: d.returned }),
      );
    }
    if (row.action === 'audit.export' || row.action === 'audit.report') {
      if (typeof d.rows === 'number') {
        consume('rows');
        add('rows', t('auditPage.detail.count'), t('auditPage.detail.countOnly', { returned: d.rows }));
      }
      if (has('filters')) {
        consume('filters');
        add('filters', t('auditPage.detail.filters'), raw(d.filters));
      }
      if (has('month')) {
        consume('month');
        add('month', t('handlingReport.month'), raw(d.month));
      }
    }
    if ('filtered' in d) {
      consume('filtered');
      if (d.filtered === true) add('filtered', null, t('auditPage.detail.filtered'));
    }
    if (row.action === 'mynumber.set' && has('outcome')) {
      consume('outcome');
      const o = d.outcome;
      add('outcome', t('auditPage.detail.numberOutcome'), o === 'added' || o === 'replaced' || o === 'unchanged' ? t(`auditPage.numberOutcomes.${o}`) : raw(o));
    }
    changedPair('fromStatus', 'toStatus', t('auditPage.detail.status'), status);
    if (has('via')) {
      consume('via');
      add('via', t('auditPage.detail.via'), oneOf(STATUS_VIAS, d.via) ? t(`registrants.history.via.${d.via}`) : raw(d.via));
    }
    if ('withReason' in d) {
      consume('withReason');
      // The reason itself is kept in the status history, never in the trail.
      if (d.withReason === true) add('withReason', null, t('auditPage.detail.withReason'));
    }
    if (has('until')) {
      consume('until', 'minutes');
      const until = dateTime.format(new Date(raw(d.until)));
      add('until', t('auditPage.detail.until'), typeof d.minutes === 'number' ? t('auditPage.detail.untilFor', { time: until, minutes: d.minutes }) : until);
    }
    if (has('relationship')) {
      consume('relationship');
      add('relationship', t('auditPage.detail.relationship'), oneOf(RELATIONSHIPS, d.relationship) ? t(`registrants.relationships.${d.relationship}`) : raw(d.relationship));
    }
    if (has('host')) {
      consume('host', 'port');
      add('host', t('auditPage.detail.smtpServer'), has('port') ? `${raw(d.host)}:${raw(d.port)}` : raw(d.host));
    }
    if (has('security')) {
      consume('security');
      add('security', t('auditPage.detail.smtpSecurity'), oneOf(SMTP_SECURITY, d.security) ? t(`settingsPage.smtp.securityOptions.${d.security}`) : raw(d.security));
    }
    if (typeof d.requireAuthenticatorApp === 'boolean') {
      consume('requireAuthenticatorApp');
      add('requireAuthenticatorApp', t('auditPage.detail.requireTotp'), t(d.requireAuthenticatorApp ? 'auditPage.detail.on' : 'auditPage.detail.off'));
    }
    if (typeof d.idleLockMinutes === 'number') {
      consume('idleLockMinutes');
      add('idleLockMinutes', t('auditPage.detail.idleLock'), t('auditPage.detail.idleLockMinutes', { count: d.idleLockMinutes }));
    }
    if (typeof d.checked === 'number') {
      consume('checked');
      add('checked', t('auditPage.detail.checked'), t('auditPage.detail.checkedCount', { count: d.checked }));
    }
    if ('problem' in d) {
      consume('problem');
      if (oneOf(AUDIT_CHAIN_PROBLEMS, d.problem)) {
        add('problem', t('auditPage.detail.problem'), labels.chainProblems[d.problem](typeof d.firstBadSeq === 'number' ? d.firstBadSeq : null));
      } else if (has('problem')) add('problem', t('auditPage.detail.problem'), raw(d.problem));
    }
    if ('firstBadSeq' in d) {
      consume('firstBadSeq');
      // An older database has no bad entry of its own: the problem above says what is missing.
      if (has('firstBadSeq') && d.problem !== 'older_than_head') add('firstBadSeq', t('auditPage.detail.firstBadSeq'), t('auditPage.detail.seq', { seq: raw(d.firstBadSeq) }));
    }
    if (row.action.startsWith('backups.')) {
      const backupSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.ceil(n / 1024))} KB`);
      if (d.trigger === 'manual' || d.trigger === 'scheduled') add('trigger', t('backupsPage.auditDetail.trigger'), t(`backupsPage.trigger.${d.trigger}`));
      if (has('fileName')) add('fileName', t('backupsPage.auditDetail.fileName'), raw(d.fileName));
      if (typeof d.bytes === 'number') add('bytes', t('backupsPage.auditDetail.size'), backupSize(d.bytes));
      if (typeof d.headSeq === 'number') add('headSeq', t('backupsPage.auditDetail.headSeq'), t('auditPage.detail.seq', { seq: d.headSeq }));
      if (typeof d.deleted === 'number') add('deleted', t('backupsPage.auditDetail.deleted'), t('backupsPage.auditDetail.deletedCount', { count: d.deleted }));
      if (has('folder')) add('folder', t('backupsPage.auditDetail.folder'), raw(d.folder));
      if (typeof d.enabled === 'boolean') add('enabled', t('backupsPage.auditDetail.enabled'), t(d.enabled ? 'auditPage.detail.on' : 'auditPage.detail.off'));
      if (typeof d.keep === 'number') add('keep', t('backupsPage.auditDetail.keep'), String(d.keep));
      if (has('backupCreatedAt')) add('backupCreatedAt', t('backupsPage.auditDetail.backupCreatedAt'), dateTime.format(new Date(raw(d.backupCreatedAt))));
      if (typeof d.backupHeadSeq === 'number') add('backupHeadSeq', t('backupsPage.auditDetail.headSeq'), t('auditPage.detail.seq', { seq: d.backupHeadSeq }));
      consume('trigger', 'fileName', 'bytes', 'headSeq', 'deleted', 'folder', 'enabled', 'keep', 'backupCreatedAt', 'backupHeadSeq');
    }
    for (const [key, value] of Object.entries(d)) {
      if (used.has(key)) continue;
      add(key, key, typeof value === 'boolean' ? t(value ? 'auditPage.detail.yes' : 'auditPage.detail.no') : raw(value));
    }
    return items;
  };

  return { dateTime: (iso: string) => dateTime.format(new Date(iso)), action, target, details, outcome: (o: AuditRow['outcome']) => labels.outcomes[o] };
}
