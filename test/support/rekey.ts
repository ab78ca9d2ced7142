// Helpers for the key rotation tests: a vault holding one of every sealed value, what it reads
// back through the core, and `mnv rekey` run as a child process.
import { spawn, spawnSync } from 'node:child_process';
import sharp from 'sharp';
import type { Clock, Core } from '../../src-main/core/index';
import { generateMyNumber } from './numbers';
import { ADMIN, allowDirectNumberEntry, must, TEST_PASSPHRASE } from './vault';

export const SMTP_PASSWORD = 'smtp-relay-pass-for-rekey';

const person = (i: number) => ({
  familyName: '鍵山',
  givenName: `太郎${i}`,
  familyNameKana: 'カギヤマ',
  givenNameKana: 'タロウ',
  employeeCode: `K${String(i).padStart(5, '0')}`,
  attributes: ['employee'],
});
const child = { relationship: 'child', familyName: '鍵山', givenName: '花', familyNameKana: 'カギヤマ', givenNameKana: 'ハナ', birthDate: '2016-07-07' };

export interface Fixture {
  registrantIds: string[];
  dependentId: string;
  documentIds: string[];
  numbers: Map<string, string>;
  dependentNumber: string;
  pendingSubmissionId: string;
  invitedRegistrantId: string;
  linkUrl: string;
}

export async function testJpeg(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 320 + seed, height: 200, channels: 3, background: { r: (seed * 37) % 256, g: 90, b: 160 } } })
    .jpeg()
    .toBuffer();
}

/**
 * Numbers for `count` registrants and one dependent, `documents` ID images, the SMTP password,
 * the admin's TOTP secret (from setup) and a proxy entry waiting for review with its numbers.
 */
export async function fillVault(core: Core, admin: string, { count, documents, seed }: { count: number; documents: number; seed: number }): Promise<Fixture> {
  await allowDirectNumberEntry(core, admin, ADMIN.password);
  const numbers = new Map<string, string>();
  const registrantIds: string[] = [];
  for (let i = 0; i < count; i++) registrantIds.push((await must(core, admin, 'registrants.create', person(seed + i))).id);
  // The dependent's number first: once the registrant is 完了 their dependents are locked.
  const dependentId = (await must(core, admin, 'dependents.create', { registrantId: registrantIds[0], ...child })).id as string;
  const dependentNumber = generateMyNumber(seed + count);
  await must(core, admin, 'mynumber.set', { subject: { dependentId }, myNumber: dependentNumber });
  for (const [i, id] of registrantIds.entries()) {
    const myNumber = generateMyNumber(seed + i);
    await must(core, admin, 'mynumber.set', { subject: { registrantId: id }, myNumber });
    numbers.set(id, myNumber);
  }
  const documentIds: string[] = [];
  for (let i = 0; i < documents; i++) {
    const image = await testJpeg(i);
    const r = await must(core, admin, 'documents.attach', { registrantId: registrantIds[i % count], kind: 'photo_id', imageBase64: image.toString('base64') });
    documentIds.push(r.documentId);
  }
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  await must(core, admin, 'settings.setSmtp', { host: '127.0.0.1', port: 2525, security: 'none', username: 'relay', password: SMTP_PASSWORD, from: 'vault@example.co.jp' });
  // A proxy entry waiting for a second approver holds its numbers sealed in the submission.
  await must(core, admin, 'submissions.configure', { proxyApproval: 'required' });
  const waiting = (await must(core, admin, 'registrants.create', person(seed + count + 1))).id as string;
  const pending = await must(core, admin, 'submissions.createProxy', { registrantId: waiting, myNumber: generateMyNumber(seed + count + 1), dependents: [{ ...child, myNumber: generateMyNumber(seed + count + 2) }] });
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  await must(core, admin, 'submissions.configure', { proxyApproval: 'notRequired' });
  // A live collection link: its token is kept only as an HMAC under the index key.
  const invited = (await must(core, admin, 'registrants.create', person(seed + count + 3))).id as string;
  const { links } = await must(core, admin, 'invitations.issue', { registrantIds: [invited] });
  return { registrantIds, dependentId, documentIds, numbers, dependentNumber, pendingSubmissionId: pending.id, invitedRegistrantId: invited, linkUrl: links[0].url };
}

/** Every number and image as the core reads them back (re-entering the password as it goes). */
export async function readBack(core: Core, admin: string, f: Fixture): Promise<{ numbers: string[]; images: string[] }> {
  const numbers: string[] = [];
  for (const [i, id] of f.registrantIds.entries()) {
    if (i % 20 === 0) await must(core, admin, 'auth.reauth', { password: ADMIN.password });
    numbers.push((await must(core, admin, 'mynumber.reveal', { subject: { registrantId: id }, purposeId: 'withholding_slip' })).myNumber);
  }
  await must(core, admin, 'auth.reauth', { password: ADMIN.password });
  numbers.push((await must(core, admin, 'mynumber.reveal', { subject: { dependentId: f.dependentId }, purposeId: 'withholding_slip' })).myNumber);
  const images: string[] = [];
  for (const documentId of f.documentIds) {
    for (const part of ['image', 'thumbnail']) images.push((await must(core, admin, 'documents.view', { documentId, part })).base64);
  }
  return { numbers, images };
}

export function expectedNumbers(f: Fixture): string[] {
  return [...f.registrantIds.map((id) => f.numbers.get(id)!), f.dependentNumber];
}

const MNV = ['--import', 'tsx', 'src-main/cli/mnv.ts'];

/** `mnv` with the passphrase in the environment and anything else on standard input. */
export function mnv(args: string[], input: string) {
  return spawnSync(process.execPath, [...MNV, ...args], { input, encoding: 'utf8', env: { ...process.env, MNV_PASSPHRASE: TEST_PASSPHRASE } });
}

/**
 * Runs `mnv rekey` and SIGKILLs it as soon as its progress on stderr matches `killAt`; resolves
 * with whether it was killed (false: it ran to the end first) and what it printed.
 */
export function mnvRekeyKilledAt(dataDir: string, input: string, killAt: RegExp): Promise<{ killed: boolean; stderr: string; status: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...MNV, 'rekey', '--data-dir', dataDir], { env: { ...process.env, MNV_PASSPHRASE: TEST_PASSPHRASE } });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (!killed && killAt.test(stderr)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ killed, stderr, status }));
    child.stdin.end(input);
  });
}

export type { Clock };
