// A process of its own that opens the benchmark's vault (100,000 registrants) through the core,
// signs in, lists, searches and counts as the UI would, and prints its resident memory. Run by
// the registrant benchmarks (registrants-fixture.ts), not by itself.
import { generate } from 'otplib';
import { createCore, createFileKeyStore } from '../src-main/core/index';
import { ADMIN, TEST_PASSPHRASE } from '../test/support/vault';

const dataDir = process.env.MNV_BENCH_DATA_DIR!;
const totpSecret = process.env.MNV_BENCH_TOTP_SECRET!;
const groupId = process.env.MNV_BENCH_GROUP_ID!;

const core = await createCore({ dataDir, keyStore: createFileKeyStore({ dataDir, passphrase: TEST_PASSPHRASE }) });
const afterOpen = process.memoryUsage().rss;
const session = core.openSession();
const call = async (channel: string, input: unknown) => {
  const r = await core.call(session, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as any;
};
const login = await call('auth.login', { loginId: ADMIN.loginId, password: ADMIN.password });
// The next time step: the benchmark's own sign-in used the current one.
await call('auth.verify', { challengeId: login.challengeId, code: await generate({ secret: totpSecret, epoch: Math.floor(Date.now() / 1000) + 30 }) });
let peak = 0;
for (let i = 0; i < 30; i++) {
  for (const filter of [{ text: 'なかむ' }, { text: '佐藤' }, { text: 'ナ' }, { status: 'unregistered', groupId }, { hasMyNumber: false }, {}]) {
    const { rows } = await call('registrants.list', { filter, offset: (i % 10) * 50, limit: 50 });
    if (rows[0]) await call('registrants.get', { id: rows[0].id });
  }
  for (const by of ['kana', 'employeeCode', 'status', 'hireDate', 'leaveDate', 'updatedAt']) await call('registrants.list', { sort: { by, dir: i % 2 ? 'desc' : 'asc' }, offset: i * 500 });
  await call('registrants.summary', {});
  peak = Math.max(peak, process.memoryUsage().rss);
}
const rss = process.memoryUsage().rss;
await core.close();
console.log(JSON.stringify({ afterOpenMb: afterOpen / 2 ** 20, rssMb: rss / 2 ** 20, peakMb: peak / 2 ** 20 }));
