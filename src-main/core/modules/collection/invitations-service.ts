// Invitation links: issued by HR to registrants within their reach (a limited manager only
// to those of their groups: NOT_FOUND outside), one live link per registrant, the token
// (128 random bits, base64url) shown once in the URL fragment and kept only as its HMAC.
// Issuing again revokes the previous link in the same transaction.
import { randomBytes, randomUUID } from 'node:crypto';
import { staffOf, type CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import type { RegistrantsService } from '../registrants';
import { linkState } from './link-state';
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

  return {
    issue(ctx: CallContext, registrantIds: readonly string[]) {
      const user = staffOf(ctx);
      const base = formUrl();
      const expiresAt = new Date(ctx.now.getTime() + linkValidDays() * DAY_MS);
      return ctx.tx(() => {
        const links = [...new Set(registrantIds)].map((registrantId) => {
          const registrant = registrants.require(ctx, registrantId);
          if (registrant.status === 'completed') throw new AppError('CONFLICT', 'errors.invitations.completed');
          const replaced = repository.revokeLive(registrant.id, 'replaced', ctx.now);
          const token = newToken();
          const id = randomUUID();
          repository.insert({ id, registrantId: registrant.id, tokenHash: hashToken(token), issuedBy: user.id, issuedAt: ctx.now, expiresAt });
          ctx.audit({
            action: 'invitations.issue',
            targetType: 'registrant',
            targetId: registrant.id,
            detail: { invitationId: id, expiresAt: expiresAt.toISOString(), replaced: replaced?.id ?? null },
          });
          return { registrantId: registrant.id, url: `${base}#${token}`, expiresAt: expiresAt.toISOString() };
        });
        return { links };
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
