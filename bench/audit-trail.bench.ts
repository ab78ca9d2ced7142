// A trail of 1,000,000 entries in a real vault (SQLCipher), written through the audit log's own
// chaining code (createAuditLog().append, in batched transactions) on a second connection, the
// way the registrant fixture fills its vault: two years of a company's use, mostly list and
// record views, with logins, edits, reveals and image views for a purpose, failures.
//   audit-trail-page    one page of 50 and its total through the core (audit.query, as the
//                       audit page asks it), cycling through filter combinations; floor: the
//                       same page's SELECT and count on the raw connection, without the core
//   audit-trail-verify  audit.verify through the core over the whole chain; floor: a bare
//                       HMAC loop over the same rows (read in order, one HMAC each, no checks)
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import type { Core } from '../src-main/core/index';
import { createFileKeyStore } from '../src-main/core/index';
import { createAuditLog, type AuditEntry, type AuditLog } from '../src-main/core/platform/audit/audit-log';
import type { Db } from '../src-main/core/platform/db/open';
import { defineBench, median } from './lib';
import { openRawDb } from '../test/support/raw-db';
import { ADMIN, MANAGER, TEST_PASSPHRASE, must, openTestCore, setupAdmin, signInNewUser } from '../test/support/vault';

export const ENTRIES = 1_000_000;
const BATCH = 20_000;
const REGISTRANTS = 300;
const START = Date.parse('2025-01-01T00:00:00Z');
/** Two years over the entries. */
const STEP_MS = Math.floor((2 * 365 * 86_400_000) / ENTRIES);
const PURPOSES = ['withholding_slip', 'social_insurance', 'employment_insurance'];

interface Fixture {
  core: Core;
  session: string;
  dataDir: string;
  raw: Db;
  log: AuditLog;
  auditKey: Buffer;
  users: { id: string; loginId: string }[];
  registrantIds: string[];
}

/** Entry i of the trail: a deterministic mix by i. */
function entryAt(i: number, users: Fixture['users'], registrantIds: string[]): AuditEntry {
  const user = users[i % users.length]!;
  const who = { actorId: user.id, actorLabel: user.loginId };
  const registrantId = registrantIds[(i * 7919) % registrantIds.length]!;
  const pick = i % 100;
  if (pick < 30) return { ...who, action: 'registrants.list', detail: { returned: 50, total: 4_812, filtered: pick % 2 === 0 } };
  if (pick < 50) return { ...who, action: 'registrants.view', targetType: 'registrant', targetId: registrantId };
  if (pick < 58) return { ...who, action: 'audit.query', detail: { returned: 50 } };
  if (pick < 63) return { ...who, action: 'mynumber.reveal', targetType: 'registrant', targetId: registrantId, detail: { purposeId: PURPOSES[i % PURPOSES.length]!, purpose: '事務' } };
  if (pick < 66) return { ...who, action: 'documents.view', targetType: 'registrant', targetId: registrantId, detail: { documentId: `doc-${i}`, kind: 'card_front', part: 'image', purpose: 'identity_check' } };
  if (pick < 74) return { ...who, action: 'auth.login', targetType: 'user', targetId: user.id, detail: { stage: 'password', factor: 'totp', enrolling: false } };
  if (pick < 76) return { action: 'auth.login', outcome: 'failure', targetType: 'user', targetId: user.id, detail: { reason: 'bad_password' } };
  if (pick < 86) return { ...who, action: 'registrants.update', targetType: 'registrant', targetId: registrantId, detail: { changed: 'address,phone' } };
  if (pick < 88) return { ...who, action: 'csv.export', detail: { preset: 'payroll', encoding: 'cp932', rows: 812, registrants: 812, filtered: false, withNumbers: false, zipped: false } };
  if (pick < 95) return { ...who, action: 'dependents.list', targetType: 'registrant', targetId: registrantId, detail: { returned: 2 } };
  return { ...who, action: 'registrants.history', targetType: 'registrant', targetId: registrantId, detail: { returned: 4 } };
}

let shared: Promise<Fixture> | null = null;

async function build(): Promise<Fixture> {
  const started = Date.now();
  const { core, dataDir } = await openTestCore();
  process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const admin = await setupAdmin(core);
  await must(core, admin.session, 'auth.reauth', { password: ADMIN.password });
  await signInNewUser(core, admin.session, { ...MANAGER, role: 'manager', password: 'bench-manager-pass-81' });
  await signInNewUser(core, admin.session, { loginId: 'suzuki.j', displayName: '鈴木 次郎', email: 'suzuki.j@example.co.jp', role: 'manager', initialPassword: 'bench-initial-pass-82', password: 'bench-second-pass-83' });
  const users = ((await must(core, admin.session, 'users.list', {})).rows as { id: string; loginId: string }[]).map((u) => ({ id: u.id, loginId: u.loginId }));
  const registrantIds: string[] = [];
  for (let i = 0; i < REGISTRANTS; i++) {
    const r = await must(core, admin.session, 'registrants.create', { familyName: '山田', givenName: `太郎${i}`, familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', attributes: ['employee'] });
    registrantIds.push(r.id);
  }
  const keys = (await createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }).load(core.vaultId))!;
  const raw = await openRawDb(dataDir, core.vaultId);
  const log = createAuditLog(raw, keys.audit);
  const existing = (raw.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const write = raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) log.append(entryAt(i, users, registrantIds), new Date(START + i * STEP_MS));
  });
  for (let i = existing; i < ENTRIES; i += BATCH) write(i, Math.min(i + BATCH, ENTRIES));
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.exec('ANALYZE');
  const size = fs.statSync(`${dataDir}/vault.db`).size;
  console.log(`  (fixture: ${ENTRIES.toLocaleString('en')} audit entries in ${((Date.now() - started) / 1000).toFixed(0)} s; database ${(size / 2 ** 20).toFixed(0)} MB)`);
  return { core, session: admin.session, dataDir, raw, log, auditKey: Buffer.from(keys.audit, 'hex'), users, registrantIds };
}

export function auditTrailFixture(): Promise<Fixture> {
  shared ??= build();
  return shared;
}

/** The filter combinations the page is timed with (as the audit page sends them: routine views hidden unless an action is chosen). */
function filters(f: Fixture): { label: string; filter: Record<string, unknown> }[] {
  const month = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T23:59:59.999Z' };
  return [
    { label: 'none (routine views hidden)', filter: { hideRoutineViews: true } },
    { label: 'action mynumber.reveal', filter: { action: 'mynumber.reveal' } },
    { label: 'user + one month', filter: { actorId: f.users[1]!.id, ...month, hideRoutineViews: true } },
    { label: 'registrant', filter: { registrantId: f.registrantIds[42]!, hideRoutineViews: true } },
    { label: 'purpose withholding_slip', filter: { purpose: 'withholding_slip', hideRoutineViews: true } },
    { label: 'result failure', filter: { outcome: 'failure', hideRoutineViews: true } },
    { label: 'one week, every action', filter: { from: '2026-06-01T00:00:00.000Z', to: '2026-06-07T23:59:59.999Z' } },
    { label: 'purpose + user + month', filter: { purpose: 'social_insurance', actorId: f.users[2]!.id, ...month } },
  ];
}

const pageTimes = new Map<string, number[]>();
let pageRound = 0;
let floorRound = 0;

const page = defineBench<Fixture>({
  name: 'audit-trail-page',
  description: `one page of 50 and the total of the audit trail, filtered, over ${ENTRIES.toLocaleString('en')} entries (target ≤ 50 ms median)`,
  runs: 64,
  warmup: 8,
  setup: auditTrailFixture,
  teardown() {
    console.log('  per filter (median through the core):');
    for (const [label, times] of pageTimes) console.log(`    ${label.padEnd(30)} ${median(times).toFixed(1)} ms  (n=${times.length})`);
    pageTimes.clear();
  },
  ours: {
    label: 'audit.query through the core (encrypted, labelled, audited)',
    async run(f) {
      const all = filters(f);
      const { label, filter } = all[pageRound++ % all.length]!;
      const start = process.hrtime.bigint();
      const r = await f.core.call(f.session, 'audit.query', { filter, offset: 0, limit: 50 });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (!r.ok) throw new Error(`audit.query refused: ${r.error.message}`);
      if (pageRound > all.length) pageTimes.set(label, [...(pageTimes.get(label) ?? []), ms]);
    },
  },
  floor: {
    label: "the log's own query (page and count) on the raw connection: no dispatch, labels or entry",
    run(f) {
      const all = filters(f);
      const { filter } = all[floorRound++ % all.length]!;
      const { registrantId, ...rest } = filter as { registrantId?: string };
      // The registrant's targets as the core resolves them (this fixture gives them no dependents or submissions).
      f.log.query({ ...rest, ...(registrantId ? { targetIds: [registrantId] } : {}) }, 0, 50);
    },
  },
});

const verifyRates: { ours: number[]; floor: number[] } = { ours: [], floor: [] };

function canonical(r: Record<string, unknown>): string {
  return JSON.stringify([r.seq, r.at, r.actor_id, r.actor_label, r.action, r.outcome, r.target_type, r.target_id, r.detail]);
}

const verify = defineBench<Fixture>({
  name: 'audit-trail-verify',
  description: `audit.verify over ${ENTRIES.toLocaleString('en')} entries, against a bare HMAC loop over the same rows`,
  runs: 3,
  warmup: 1,
  setup: auditTrailFixture,
  teardown(f) {
    const rate = (times: number[]) => `${Math.round((ENTRIES / median(times)) * 1000).toLocaleString('en')} entries/s`;
    console.log(`  audit.verify ${rate(verifyRates.ours)}; bare HMAC loop ${rate(verifyRates.floor)}`);
    f.raw.close();
    return f.core.close();
  },
  ours: {
    label: 'audit.verify through the core',
    async run(f) {
      const start = process.hrtime.bigint();
      const r = await f.core.call(f.session, 'audit.verify', {});
      verifyRates.ours.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (!r.ok || !(r.value as { ok: boolean }).ok) throw new Error(`audit.verify: ${JSON.stringify(r)}`);
    },
  },
  floor: {
    label: 'one HMAC-SHA256 per row, rows read in order',
    run(f) {
      const start = process.hrtime.bigint();
      let prev = '';
      for (const r of f.raw.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Record<string, unknown>>) {
        prev = createHmac('sha256', f.auditKey).update(`${prev}\n${canonical(r)}`, 'utf8').digest('hex');
      }
      verifyRates.floor.push(Number(process.hrtime.bigint() - start) / 1e6);
      return prev;
    },
  },
});

export default [page, verify];
