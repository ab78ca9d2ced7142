// Failed link openings per client address: past twenty in fifteen minutes the address is
// refused (RATE_LIMITED, audited) before any link is looked at — even for a real link with
// the right passcode — and let in again once the window has passed. Parallel attempts cannot
// slip past the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLink, newRegistrant, openLanVault, openLink, PASSCODE, type LanVault } from '../support/lan';
import { must } from '../support/vault';

let vault: LanVault;
beforeAll(async () => {
  vault = await openLanVault({ opensPerMinute: 1000 });
});
afterAll(() => vault.core.close());

describe('failures per client address', () => {
  it('stops an address after twenty failed openings, parallel ones included', async () => {
    const id = await newRegistrant(vault.core, vault.admin);
    const { token } = await issueLink(vault.core, vault.admin, id);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => openLink(vault, { token: `spray${String(i).padStart(18, '0')}`, passcode: 'x' })));
    const codes = answers.map((r) => r.json.error.code);
    expect(codes.filter((c) => c === 'FORBIDDEN')).toHaveLength(20);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(10);
    const right = await openLink(vault, { token, passcode: PASSCODE });
    expect(right.json).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', messageKey: 'errors.collection.tooManyAttempts' } });
    const rows = (await must(vault.core, vault.admin, 'audit.query', { filter: { action: 'collection.open' }, limit: 100 })).rows as any[];
    expect(rows.filter((r) => r.detail.reason === 'address_throttled')).toHaveLength(11);
    expect(rows.filter((r) => r.detail.reason === 'unknown_link')).toHaveLength(20);
    await vault.advance(15 * 60_000 + 1000);
    expect((await openLink(vault, { token, passcode: PASSCODE })).json).toMatchObject({ ok: true });
  });
});
