// Nothing of a person readable at rest: with registrants, their dependents, a submission waiting
// for review (its numbers sealed and bound to it) and one approved, no My Number is in any column
// of any table in plain form, and no number, name, reading or address is readable in any file
// of the data directory — neither while the vault is open (WAL and all) nor after it closed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/index';
import type { Db } from '../../src-main/core/platform/db/open';
import { ADMIN, MANAGER, allowDirectNumberEntry, must, openTestCore, setupAdmin, signInNewUser, testClock } from '../support/vault';
import { openRawDb } from '../support/raw-db';
import { generateMyNumber } from '../support/numbers';

const clock = testClock();
let core: Core;
let dataDir: string;
let rawDb: Db;

const numbers = Array.from({ length: 8 }, (_, i) => generateMyNumber(91_000 + i));
const registrant = {
  familyName: '長谷川',
  givenName: '澪',
  familyNameKana: 'ハセガワ',
  givenNameKana: 'ミオ',
  address: '札幌市中央区北一条西二丁目',
  attributes: ['employee'],
};
const other = { familyName: '宇佐美', givenName: '颯', familyNameKana: 'ウサミ', givenNameKana: 'ハヤテ', address: '那覇市泉崎一丁目', attributes: ['employee'] };
const spouse = { relationship: 'spouse', familyName: '長谷川', givenName: '楓真', familyNameKana: 'ハセガワ', givenNameKana: 'フウマ', birthDate: '1983-06-15', category3: true };
const child = { relationship: 'child', familyName: '長谷川', givenName: '紬希', familyNameKana: 'ハセガワ', givenNameKana: 'ツムギ', birthDate: '2012-12-12', taxDependent: true };
const parent = { relationship: 'mother', familyName: '宇佐美', givenName: '千鶴', familyNameKana: 'ウサミ', givenNameKana: 'チヅル' };

/**
 * What must not be readable in a file: every number, name, reading and address above. A short
 * pattern turns up in megabytes of ciphertext by chance (4 bytes about once in 4 GB), so each is
 * looked for only in the encodings where it is 6 bytes or more: a one-character given name within
 * the full name, a two-character one in UTF-8.
 */
const secrets = [
  ...numbers,
  ...[registrant, other, spouse, child, parent].flatMap((p) => [p.familyName + p.givenName, p.givenName, p.familyNameKana, p.givenNameKana]),
  registrant.address,
  other.address,
  '北一条西',
].filter((s, i, all) => s.length >= 2 && all.indexOf(s) === i);

function scanFiles(): string[] {
  const found: string[] = [];
  for (const file of fs.readdirSync(dataDir, { recursive: true }) as string[]) {
    const full = path.join(dataDir, file);
    if (!fs.statSync(full).isFile()) continue;
    const bytes = fs.readFileSync(full);
    for (const s of secrets) {
      const forms = [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')].filter((b) => b.length >= 6);
      if (forms.some((b) => bytes.includes(b))) found.push(`${file}: ${s}`);
    }
  }
  return found;
}

beforeAll(async () => {
  ({ core, dataDir } = await openTestCore(undefined, { clock }));
  const admin = (await setupAdmin(core, clock)).session;
  rawDb = await openRawDb(dataDir, core.vaultId);
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  const manager = await signInNewUser(core, admin, { ...MANAGER, role: 'manager', password: `${MANAGER.initialPassword}-renewed` }, clock);

  // Approved: the registrant's number, a spouse's and a child's, stored in my_numbers.
  const a = (await must(core, admin, 'registrants.create', registrant)).id;
  const approved = await must(core, manager, 'submissions.createProxy', {
    registrantId: a,
    myNumber: numbers[0],
    dependents: [
      { ...spouse, myNumber: numbers[1] },
      { ...child, myNumber: numbers[2] },
    ],
  });
  await must(core, admin, 'submissions.approve', { id: approved.id });
  // Waiting: numbers sealed in the submission tables only.
  const b = (await must(core, admin, 'registrants.create', other)).id;
  await must(core, manager, 'submissions.createProxy', { registrantId: b, myNumber: numbers[3], dependents: [{ ...parent, myNumber: numbers[4] }] });
  // Returned: its numbers wiped. And one stored by hand for a dependent.
  const c = (await must(core, admin, 'registrants.create', { ...other, givenName: '颯' })).id;
  const returned = await must(core, manager, 'submissions.createProxy', { registrantId: c, myNumber: numbers[5] });
  await must(core, admin, 'submissions.return', { id: returned.id, reason: '写真が不鮮明' });
  const d = (await must(core, admin, 'dependents.create', { registrantId: c, ...parent })).id;
  await allowDirectNumberEntry(core, admin, ADMIN.password);
  await must(core, admin, 'mynumber.set', { subject: { dependentId: d }, myNumber: numbers[6] });
  await must(core, admin, 'mynumber.set', { subject: { registrantId: c }, myNumber: numbers[7] });
});
afterAll(async () => {
  if (rawDb.open) rawDb.close();
  await core.close();
});

describe('people at rest', () => {
  it('hold no My Number in plain form in any column of any table', () => {
    const tables = (rawDb.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['my_numbers', 'dependents', 'submissions', 'submission_dependents', 'registrant_status_history', 'audit_log']));
    expect(rawDb.prepare("SELECT count(*) AS n FROM submissions WHERE number_sealed IS NOT NULL").get()).toEqual({ n: 1 });
    expect(rawDb.prepare("SELECT count(*) AS n FROM submission_dependents WHERE number_sealed IS NOT NULL").get()).toEqual({ n: 1 });
    expect(rawDb.prepare("SELECT count(*) AS n FROM my_numbers WHERE subject_type = 'dependent'").get()).toEqual({ n: 3 });
    for (const table of tables) {
      for (const row of rawDb.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
        for (const value of Object.values(row)) {
          const text = Buffer.isBuffer(value) ? value.toString('latin1') : String(value);
          for (const n of numbers) expect(text, `${table} holds a number`).not.toContain(n);
        }
      }
    }
  });

  it('leave no number, name, reading or address readable in any file of the data directory, open or closed', async () => {
    // The scan itself is checked: the same bytes are found in a plain file put there.
    fs.writeFileSync(path.join(dataDir, 'probe.txt'), `${numbers[0]} ${registrant.address}`);
    expect(scanFiles()).toEqual([`probe.txt: ${numbers[0]}`, `probe.txt: ${registrant.address}`, 'probe.txt: 北一条西']);
    fs.rmSync(path.join(dataDir, 'probe.txt'));
    expect(fs.existsSync(path.join(dataDir, 'vault.db-wal'))).toBe(true);
    expect(scanFiles()).toEqual([]);
    rawDb.close();
    await core.close();
    expect(scanFiles()).toEqual([]);
    rawDb = await openRawDb(dataDir, core.vaultId);
  });
});
