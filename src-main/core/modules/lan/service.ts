// The LAN listener's settings and life: off until an admin turns it on (a company passcode
// must be set first), bound to the chosen address and port, optionally letting in only some
// client address ranges, with a generated self-signed certificate (made again when the
// machine's addresses change or it nears its end) or an imported one. A port already taken
// is refused with a message saying so, and nothing is changed.
import { pemFromPfx } from '../../platform/tls/pfx';
import net from 'node:net';
import { formatMessage, type ErrorKey } from '../../../../src-shared/messages';
import type { LanConfig, LanStatus } from '../../../../src-shared/contract';
import type { AuditReason } from '../../../../src-shared/audit-vocabulary';
import type { Clock } from '../../kernel/clock';
import type { CallContext } from '../../kernel/context';
import { AppError } from '../../kernel/errors';
import { describeCertificate, generateSelfSigned, keyMatches, machineNames, namesToCover, stillCovers } from '../../platform/tls/certificate';
import type { ListenerHost } from './host';
import type { LanRepository } from './repository';

export interface LanConfigureInput {
  enabled: boolean;
  host: string;
  port: number;
  allowedCidrs?: string[] | undefined;
  certificate?: { generate: true } | { certPem: string; keyPem: string } | { pfxBase64: string; passphrase: string } | undefined;
}

export interface LanDeps {
  repository: LanRepository;
  /** null where no listener can run (the CLI, most tests). */
  host: ListenerHost | null;
  clock: Clock;
  /** Runs a write in one transaction (outside any call, e.g. at start-up). */
  commit<T>(fn: () => T): T;
  passcodeSet(): boolean;
  log(line: string): void;
}

const LISTEN_ERRORS: Record<string, { key: ErrorKey; reason: AuditReason }> = {
  EADDRINUSE: { key: 'errors.lan.portInUse', reason: 'port_in_use' },
  EADDRNOTAVAIL: { key: 'errors.lan.addressUnavailable', reason: 'listen_failed' },
  EACCES: { key: 'errors.lan.portNotPermitted', reason: 'listen_failed' },
};

/** An IPv4 address as IPv4 even when it arrives IPv6-mapped (::ffff:192.168.1.5). */
export function normalAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function blockListOf(cidrs: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const c of cidrs) {
    const [address, prefix] = c.split('/') as [string, string];
    const family = net.isIPv4(address) ? 'ipv4' : 'ipv6';
    list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

function assertRanges(cidrs: readonly string[]): void {
  for (const c of cidrs) {
    try {
      blockListOf([c]);
    } catch {
      throw new AppError('VALIDATION', 'errors.lan.badCidr', { params: { cidr: c } });
    }
  }
}

export function createLanService({ repository, host, clock, commit, passcodeSet, log }: LanDeps) {
  let config = repository.config();
  let allowList = config.allowedCidrs.length > 0 ? blockListOf(config.allowedCidrs) : null;
  let running: { host: string; port: number } | null = null;
  let problem: ErrorKey | null = null;

  function urlsFor(binding: { host: string; port: number }): string[] {
    const machine = machineNames();
    const hosts =
      binding.host === '0.0.0.0'
        ? machine.addresses.filter((a) => net.isIPv4(a))
        : binding.host === '::'
          ? machine.addresses
          : [binding.host];
    const list = hosts.length > 0 ? hosts : [machine.hostName];
    return list.map((h) => `https://${net.isIPv6(h) ? `[${h}]` : h}:${binding.port}/c/`);
  }

  /** The stored certificate, generated (again) when there is none or a generated one no longer serves. */
  async function ensureCertificate(): Promise<void> {
    const now = clock.now();
    const cert = repository.certificate();
    const names = namesToCover(machineNames());
    if (cert && (cert.source === 'imported' || stillCovers(describeCertificate(cert.certPem), names, now))) return;
    const made = await generateSelfSigned(names, now);
    commit(() => repository.setCertificate('generated', made.certPem, made.keyPem));
  }

  async function startOn(binding: { host: string; port: number }): Promise<void> {
    if (!host) {
      problem = 'errors.lan.unavailable';
      throw new AppError('INTERNAL', problem);
    }
    await ensureCertificate();
    const certPem = repository.certificate()!.certPem;
    const keyPem = repository.certificateKey()!;
    try {
      const bound = await host.start({ host: binding.host, port: binding.port, certPem, keyPem });
      running = { host: binding.host, port: bound.port };
      problem = null;
    } catch (err) {
      running = null;
      const known = LISTEN_ERRORS[(err as { code?: string }).code ?? ''];
      problem = known?.key ?? 'errors.lan.listenFailed';
      throw new AppError('CONFLICT', problem, { params: { port: binding.port, host: binding.host } });
    }
  }

  function status(): LanStatus {
    const cert = repository.certificate();
    const facts = cert ? describeCertificate(cert.certPem) : null;
    return {
      running: running !== null,
      urls: urlsFor(running ?? config),
      fingerprint: facts?.fingerprint ?? null,
      certificatePem: cert?.certPem ?? null,
      certificateSource: cert?.source ?? null,
      certificateExpiresAt: facts?.notAfter.toISOString() ?? null,
      config,
      addresses: machineNames().addresses,
      problem,
    };
  }

  return {
    status,

    /** Where phones open the form now: the listener's first URL. */
    formUrl: () => urlsFor(running ?? config)[0]!,

    allows(address: string): boolean {
      if (!allowList) return true;
      const a = normalAddress(address);
      return allowList.check(a, net.isIPv4(a) ? 'ipv4' : 'ipv6');
    },

    async configure(ctx: CallContext, input: LanConfigureInput): Promise<LanStatus> {
      if (!net.isIP(input.host)) throw new AppError('VALIDATION', 'errors.lan.badAddress');
      const next: LanConfig = { enabled: input.enabled, host: input.host, port: input.port, allowedCidrs: input.allowedCidrs ?? config.allowedCidrs };
      assertRanges(next.allowedCidrs);
      if (next.enabled && !passcodeSet()) throw new AppError('VALIDATION', 'errors.lan.passcodeFirst');
      let certificate: 'kept' | 'generated' | 'imported' = 'kept';
      if (input.certificate && 'pfxBase64' in input.certificate) {
        const pem = pemFromPfx(Buffer.from(input.certificate.pfxBase64, 'base64'), input.certificate.passphrase);
        if (!pem) throw new AppError('VALIDATION', 'errors.lan.badPfx');
        ctx.tx(() => repository.setCertificate('imported', pem.certPem, pem.keyPem));
        certificate = 'imported';
      } else if (input.certificate && 'certPem' in input.certificate) {
        const { certPem, keyPem } = input.certificate;
        if (!keyMatches(certPem, keyPem)) throw new AppError('VALIDATION', 'errors.lan.badCertificate');
        ctx.tx(() => repository.setCertificate('imported', certPem, keyPem));
        certificate = 'imported';
      } else if (input.certificate) {
        const made = await generateSelfSigned(namesToCover(machineNames()), ctx.now);
        ctx.tx(() => repository.setCertificate('generated', made.certPem, made.keyPem));
        certificate = 'generated';
      }
      const detail = { enabled: next.enabled, host: next.host, port: next.port, allowedRanges: next.allowedCidrs.length, certificate };

      if (next.enabled && host) {
        try {
          await startOn(next);
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          const reason: AuditReason = err.messageKey === 'errors.lan.portInUse' ? 'port_in_use' : 'listen_failed';
          throw new AppError(err.code, err.messageKey as ErrorKey, { params: err.params, audit: { action: 'lan.configure', outcome: 'failure', detail: { ...detail, reason } } });
        }
      } else {
        await host?.stop();
        running = null;
        problem = next.enabled ? 'errors.lan.unavailable' : null;
      }
      ctx.tx(() => {
        repository.setConfig(next);
        ctx.audit({ action: 'lan.configure', detail });
      });
      config = next;
      allowList = next.allowedCidrs.length > 0 ? blockListOf(next.allowedCidrs) : null;
      return status();
    },

    /** At start-up: the listener comes up if an admin turned it on; a failure is kept for lan.status. */
    async boot(): Promise<void> {
      if (!config.enabled || !host) return;
      try {
        await startOn(config);
      } catch (err) {
        log(`LAN listener did not start: ${err instanceof AppError ? formatMessage('ja', err.messageKey, err.params) : (err as Error).name}`);
      }
    },

    /** Starts on this binding whatever the stored settings say (the test harness, on loopback). */
    async startOn(binding: { host: string; port: number }): Promise<LanStatus> {
      await startOn(binding);
      return status();
    },

    async stop(): Promise<void> {
      await host?.stop();
      running = null;
    },
  };
}

export type LanService = ReturnType<typeof createLanService>;
