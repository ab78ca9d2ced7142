// Invitation links: issued by HR to registrants within their reach (a limited manager only
// to those of their groups: NOT_FOUND outside), one live link per registrant, the token
// (128 random bits, base64url) shown once in the URL fragment and kept only as its HMAC.
// Issuing again revokes the previous link in the same transaction. The QR sheets
// (printSheet) issue one for each registrant of a selection or a filter, as collection
// e-mails do (mail-service.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { MAX_QR_SHEETS, type RegistrantRow } from '../../../../src-shared/contract';
import type { RegistrantStatus } from '../../../../src-shared/domain';
import { staffOf, type CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { RegistrantsService } from '../registrants';
import { linkState } from './link-state';
import { resolveRecipients, type RecipientTarget } from './recipients';
import type { CollectionRepository, InvitationRecord } from './repository';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface InvitationsDeps {
  repository: CollectionRepository;
  registrants: RegistrantsService;
  /** HMAC of a token under the index key: how a token is found without being stored. */
  hashToken(token: string): string;
  /** https://host:port/c/ as phones reach the listener now. */
  formUrl(): string;
  linkValidDays(): number;
}

export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/** Who gets a sheet: everyone but a completed record (which gets no link). */
const SHEET_STATUSES: readonly RegistrantStatus[] = ['unregistered', 'pending', 'returned', 'declined'];

/** What a link was issued for, when not by hand from the drawer (named in its audit entry). */
export type IssuedFor = { issuedFor: 'mail'; batchId: string } | { issuedFor: 'sheet' };

export interface IssuedLink {
  registrantId: string;
  invitationId: string;
  /** https://host:port/c/#<token>: the only place the token ever is. */
  url: string;
  expiresAt: string;
}

export function createInvitationsService({ repository, registrants, hashToken, formUrl, linkValidDays }: InvitationsDeps) {
  function rowOf(i: InvitationRecord, status: Parameters<typeof linkState>[1], now: Date) {
    return {
      id: i.id,
      registrantId: i.registrantId,
      state: linkState(i, status, now),
      issuedAt: i.issuedAt,
      expiresAt: i.expiresAt,
      revokedAt: i.revokedAt,
      lockedUntil: i.lockedUntil,
      failures: i.failures,
      lastOpenedAt: i.lastOpenedAt,
    };
  }

  const expiryFrom = (now: Date) => new Date(now.getTime() + linkValidDays() * DAY_MS);

  function issueOne(ctx: CallContext, registrant: RegistrantRow, expiresAt: Date, base: string, purpose?: IssuedFor): IssuedLink {
    const user = staffOf(ctx);
    if (registrant.status === 'completed') throw new AppError('CONFLICT', 'errors.invitations.completed');
    const replaced = repository.revokeLive(registrant.id, 'replaced', ctx.now);
    const token = newToken();
    const id = randomUUID();
    repository.insert({ id, registrantId: registrant.id, tokenHash: hashToken(token), issuedBy: user.id, issuedAt: ctx.now, expiresAt });
    ctx.audit({
      action: 'invitations.issue',
      targetType: 'registrant',
      targetId: registrant.id,
      detail: { invitationId: id, expiresAt: expiresAt.toISOString(), replaced: replaced?.id ?? null, ...purpose },
    });
    return { registrantId: registrant.id, invitationId: id, url: `${base}#${token}`, expiresAt: expiresAt.toISOString() };
  }

  return {
    /**
     * Issues links, one call per registrant the caller has reached (registrants.require), each
     * revoking their previous one; audited. The links of one issuer share their address and
     * expiry. Call inside the caller's transaction.
     */
    issuer(ctx: CallContext, purpose: IssuedFor): (registrant: RegistrantRow) => IssuedLink {
      const base = formUrl();
      const expiresAt = expiryFrom(ctx.now);
      return (registrant) => issueOne(ctx, registrant, expiresAt, base, purpose);
    },

    issue(ctx: CallContext, registrantIds: readonly string[]) {
      const base = formUrl();
      const expiresAt = expiryFrom(ctx.now);
      return ctx.tx(() => {
        const links = [...new Set(registrantIds)].map((registrantId) => {
          const registrant = registrants.require(ctx, registrantId);
          const { url } = issueOne(ctx, registrant, expiresAt, base);
          return { registrantId: registrant.id, url, expiresAt: expiresAt.toISOString() };
        });
        return { links };
      });
    },

    /** A sheet per registrant of the target (完了 ones left out), each with a fresh link; shown this once. */
    printSheet(ctx: CallContext, target: RecipientTarget) {
      const base = formUrl();
      const expiresAt = expiryFrom(ctx.now);
      return ctx.tx(() => {
        const found = resolveRecipients(registrants, ctx, target, SHEET_STATUSES, MAX_QR_SHEETS);
        if (found.tooMany) throw new AppError('VALIDATION', 'errors.collectionMail.tooManySheets', { params: { maximum: MAX_QR_SHEETS } });
        const sheets = found.rows.map((r) => ({
          registrantId: r.id,
          name: `${r.familyName} ${r.givenName}`,
          nameKana: `${r.familyNameKana} ${r.givenNameKana}`,
          employeeCode: r.employeeCode,
          url: issueOne(ctx, r, expiresAt, base, { issuedFor: 'sheet' }).url,
          expiresAt: expiresAt.toISOString(),
        }));
        ctx.audit({ action: 'invitations.printSheet', detail: { sheets: sheets.length, notApplicable: found.notApplicable, filtered: target.by === 'filter' } });
        return { companyName: repository.settings().companyName, sheets, notApplicable: found.notApplicable };
      });
    },

    revoke(ctx: CallContext, registrantId: string) {
      return ctx.tx(() => {
        const registrant = registrants.require(ctx, registrantId);
        const revoked = repository.revokeLive(registrant.id, 'revoked', ctx.now);
        ctx.audit({ action: 'invitations.revoke', targetType: 'registrant', targetId: registrant.id, detail: { invitationId: revoked?.id ?? null } });
        return { revoked: revoked !== null };
      });
    },

    list(ctx: CallContext, registrantId: string) {
      return ctx.tx(() => {
        const registrant = registrants.require(ctx, registrantId);
        const rows = repository.history(registrant.id).map((i) => rowOf(i, registrant.status, ctx.now));
        ctx.audit({ action: 'invitations.list', targetType: 'registrant', targetId: registrant.id, detail: { returned: rows.length } });
        return { rows };
      });
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
