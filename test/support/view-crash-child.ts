// The child process of test/integration/view-durability.test.ts: opens the vault through the
// core, signs in as the test admin, makes one ordinary change (groups.create) and then one
// routine view (registrants.list), says `listed` and waits to be killed (SIGKILL) while that
// view's entry is still in its open group. Run as: node --import tsx test/support/view-crash-child.ts
// env: MNV_VIEW_CRASH_DATA_DIR, MNV_VIEW_CRASH_TOTP_SECRET.
import fs from 'node:fs';
import { generate } from 'otplib';
import { createCore, createFileKeyStore } from '../../src-main/core/index';
import { ADMIN, TEST_PASSPHRASE } from './vault';

const dataDir = process.env.MNV_VIEW_CRASH_DATA_DIR!;
const core = await createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }) });
const session = core.openSession();
const call = async (channel: string, input: unknown) => {
  const r = await core.call(session, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
  return r.value as any;
};
const login = await call('auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
// The next time step: the parent's own sign-in used the current one.
await call('auth.verify', { challengeId: login.challengeId, code: await generate({ secret: process.env.MNV_VIEW_CRASH_TOTP_SECRET!, epoch: Math.floor(Date.now() / 1000) + 30 }) });
await call('groups.create', { name: '書き込み' });
await call('registrants.list', {});
// Synchronously, so the line is in the pipe while the view's group is still open.
fs.writeSync(1, 'listed\n');
setInterval(() => undefined, 60_000);
