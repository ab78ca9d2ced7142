// The audit trail is append-only and hash-chained: raw SQL that edits, deletes, reorders
// or truncates it (even with the database key) is caught by audit.verify.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src-main/core/platform/db/open';
import { ADMIN, must, openTestCore, setupAdmin } from '../support/vault';
import { openRawDb } from '../support/raw-db';

type Verify = { ok: boolean; checked: number; firstBadSeq?: number };

/** A vault with a few entries, an admin session on it, and a second raw connection with the key. */
async function vaultWithHistory() {
  const { core, dataDir } = await openTestCore();
  const admin = await setupAdmin(core);
  const stranger = core.openSession();
  for (let i = 0; i < 3; i++) await core.call(stranger, 'auth.login', { loginId: ADMIN.loginId, password: `wrong password ${i}` });
  const raw = await openRawDb(dataDir, core.vaultId);
  const verify = () => must<Verify>(core, admin.session, 'audit.verify', {});
  const breakTriggers = () => raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  const done = () => (raw.close(), core.close());
  return { core, raw, verify, breakTriggers, done };
}

function rows(raw: Db) {
  return raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
}

describe('the audit trail', () => {
  it('verifies an untouched chain', async () => {
    const v = await vaultWithHistory();
    const result = await v.verify();
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(6); // setup, login, verify, 3 failures
    v.done();
  });

  it('refuses UPDATE and DELETE through its triggers', async () => {
    const v = await vaultWithHistory();
    expect(() => v.raw.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => v.raw.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
    v.done();
  });

  it('catches a modified row', async () => {
    const v = await vaultWithHistory();
    v.breakTriggers();
    v.raw.prepare("UPDATE audit_log SET action = action || '.edited' WHERE seq = 4").run();
    expect(await v.verify()).toMatchObject({ ok: false, firstBadSeq: 4 });
    v.done();
  });

  it('catches a modified row whose hash was recomputed without the audit key', async () => {
    const v = await vaultWithHistory();
    v.breakTriggers();
    v.raw.prepare("UPDATE audit_log SET actor_label = 'someone', hash = lower(hex(randomblob(32))) WHERE seq = 2").run();
    expect(await v.verify()).toMatchObject({ ok: false, firstBadSeq: 2 });
    v.done();
  });

  it('catches a deleted row in the middle', async () => {
    const v = await vaultWithHistory();
    v.breakTriggers();
    v.raw.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(await v.verify()).toMatchObject({ ok: false, firstBadSeq: 4 });
    v.done();
  });

  it('catches rows cut off the end', async () => {
    const v = await vaultWithHistory();
    v.breakTriggers();
    const last = rows(v.raw).at(-1)!.seq as number;
    v.raw.prepare('DELETE FROM audit_log WHERE seq >= ?').run(last - 1);
    const result = await v.verify();
    expect(result.ok).toBe(false);
    v.done();
  });

  it('catches two rows swapped', async () => {
    const v = await vaultWithHistory();
    v.breakTriggers();
    const all = rows(v.raw);
    const [a, b] = [all[2]!, all[3]!];
    const swap = v.raw.prepare(
      'UPDATE audit_log SET at=@at, actor_id=@actor_id, actor_label=@actor_label, action=@action, outcome=@outcome, target_type=@target_type, target_id=@target_id, detail=@detail, prev_hash=@prev_hash, hash=@hash WHERE seq=@target',
    );
    v.raw.transaction(() => {
      swap.run({ ...b, target: a.seq });
      swap.run({ ...a, target: b.seq });
    })();
    expect(await v.verify()).toMatchObject({ ok: false, firstBadSeq: a.seq });
    v.done();
  });

  it('records its own verification, with the result', async () => {
    const v = await vaultWithHistory();
    await v.verify();
    const last = rows(v.raw).at(-1)!;
    expect(last).toMatchObject({ action: 'audit.verify', outcome: 'success' });
    v.done();
  });
});
