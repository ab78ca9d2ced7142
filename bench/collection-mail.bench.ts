// Collection e-mails: 1,000 invitations to a local SMTP server (smtp-server on 127.0.0.1), from
// the call to the last row settled. Target: at most 10 s for 1,000 (printed with the figure).
//   ours   collection.sendMail through the core for 1,000 registrants (each a new link, audited,
//          its mail rendered and sealed into the outbox in one transaction), then the sender:
//          each mail opened, its link checked, sent over the pooled connections and its row
//          settled (wiped, audited) in a commit of its own, until collection.outboxStatus is done
//   floor  the same 1,000 messages, rendered beforehand, sent over the same pooled mailer with
//          as many in flight: the SMTP exchange alone
import { DEFAULT_MAIL_TEMPLATES, formatJapaneseDateTime, renderMail } from '../src-shared/collection-mail';
import type { Core } from '../src-main/core/index';
import { createPooledSmtpMailer } from '../src-main/core/platform/mail/smtp';
import { OUTBOX_CONCURRENCY } from '../src-main/core/modules/collection/outbox-sender';
import type { Mailer } from '../src-main/core/platform/mail/mailer';
import { startSmtp, type TestSmtp } from '../test/support/smtp';
import { ADMIN, configureSmtp, must, openTestCore, setupAdmin } from '../test/support/vault';
import { defineBench, median } from './lib';

const MAILS = 1_000;
const TARGET_MS = 10_000;
const WARMUP = 1;

interface Ctx {
  core: Core;
  session: string;
  smtp: TestSmtp;
  ids: string[];
  floorMailer: Mailer;
  messages: { to: string; subject: string; text: string }[];
  ours: number[];
}

async function untilDone(ctx: Ctx, batchId: string): Promise<void> {
  for (;;) {
    const status = await must(ctx.core, ctx.session, 'collection.outboxStatus', { batchId });
    if (status.done) {
      if (status.sent !== MAILS) throw new Error(`sent ${status.sent} of ${MAILS}, failed ${status.failed}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export default defineBench<Ctx>({
  name: 'collection-mail',
  description: `${MAILS.toLocaleString('en')} collection e-mails (invitations) to a local SMTP server, from the call to the last row settled; target ≤ ${TARGET_MS / 1000} s`,
  runs: 3,
  warmup: WARMUP,
  async setup() {
    const smtp = await startSmtp();
    const { core } = await openTestCore();
    const { session } = await setupAdmin(core);
    await must(core, session, 'auth.reauth', { password: ADMIN.password });
    await must(core, session, 'collection.configure', { companyName: '株式会社ベンチ', passcode: 'bench-passcode-2026', requireBirthDate: false, linkValidDays: 14 });
    await configureSmtp(core, session, smtp.port);
    const ids: string[] = [];
    for (let i = 0; i < MAILS; i += 1) {
      const r = await must(core, session, 'registrants.create', {
        familyName: '送信',
        givenName: `${i}`.padStart(4, '0').replace(/\d/g, (d) => '〇一二三四五六七八九'[Number(d)]!),
        familyNameKana: 'ソウシン',
        givenNameKana: 'タロウ',
        email: `bench${i}@example.jp`,
        attributes: ['employee'],
      });
      ids.push(r.id);
    }
    const expiry = formatJapaneseDateTime(new Date(Date.now() + 14 * 86_400_000).toISOString());
    const messages = ids.map((_, i) => ({
      to: `bench${i}@example.jp`,
      ...renderMail(DEFAULT_MAIL_TEMPLATES, 'invitation', { 氏名: `送信 ${i}`, URL: `https://192.168.1.10:8443/c/#${'x'.repeat(22)}`, 期限: expiry, 会社名: '株式会社ベンチ' }),
    }));
    const floorMailer = createPooledSmtpMailer(() => ({ host: '127.0.0.1', port: smtp.port, security: 'none', username: '', password: '', from: 'vault@example.co.jp' }));
    return { core, session, smtp, ids, floorMailer, messages, ours: [] };
  },
  async teardown(ctx) {
    ctx.floorMailer.close?.();
    await ctx.core.close();
    await ctx.smtp.close();
    // ctx.ours holds every run of ours, its warm-up first.
    const measured = median(ctx.ours.slice(WARMUP));
    console.log(
      `  target: ${MAILS.toLocaleString('en')} mails in ≤ ${TARGET_MS / 1000} s; measured ${(measured / 1000).toFixed(2)} s (median of ${ctx.ours.length - WARMUP}, ${Math.round((MAILS / measured) * 1000)} mails/s): ${measured <= TARGET_MS ? 'met' : 'NOT met'}`,
    );
  },
  ours: {
    label: 'collection.sendMail + the outbox sender, until done',
    before(ctx) {
      ctx.smtp.mails.length = 0;
    },
    async run(ctx) {
      const start = performance.now();
      const sent = await must(ctx.core, ctx.session, 'collection.sendMail', { kind: 'invitation', target: { by: 'ids', registrantIds: ctx.ids } });
      if (sent.queued !== MAILS) throw new Error(`queued ${sent.queued}`);
      await untilDone(ctx, sent.batchId);
      ctx.ours.push(performance.now() - start);
      if (ctx.smtp.mails.length !== MAILS) throw new Error(`the server received ${ctx.smtp.mails.length}`);
    },
  },
  floor: {
    label: `the same messages over the pooled mailer, ${OUTBOX_CONCURRENCY} in flight`,
    before(ctx) {
      ctx.smtp.mails.length = 0;
    },
    async run(ctx) {
      let next = 0;
      const worker = async () => {
        while (next < ctx.messages.length) await ctx.floorMailer.send(ctx.messages[next++]!);
      };
      await Promise.all(Array.from({ length: OUTBOX_CONCURRENCY }, worker));
      if (ctx.smtp.mails.length !== MAILS) throw new Error(`the server received ${ctx.smtp.mails.length}`);
    },
  },
});
