// The LAN listener (the HTTPS server the registrants' phones reach): where it listens, which
// client address ranges it lets in, its certificate (generated, or imported as PEM or PFX), and how
// it stands. Admins only; changing it needs the password re-entered.
import { customRule } from '../messages';
import { channel } from './define';
import { empty } from './fields';
import { z } from './zod';

/** The port the listener takes unless the admin picks another. */
export const LAN_DEFAULT_PORT = 8443;
/** At most this many allowed client ranges. */
export const MAX_ALLOWED_CIDRS = 32;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;

/** An interface address to bind to: an IPv4 or IPv6 literal; 0.0.0.0 / :: for every interface. */
export const bindAddress = z.string().trim().max(45).refine((v) => IPV4.test(v) || (v.includes(':') && IPV6.test(v)), customRule('bindAddress'));

/** A client address range, e.g. 192.168.10.0/24 or fd00::/8 (the core checks it properly). */
export const cidr = z
  .string()
  .trim()
  .max(50)
  .refine((v) => {
    const [address, prefix, ...rest] = v.split('/');
    if (rest.length > 0 || address === undefined || prefix === undefined || !/^\d{1,3}$/.test(prefix)) return false;
    if (IPV4.test(address)) return Number(prefix) <= 32;
    return address.includes(':') && IPV6.test(address) && Number(prefix) <= 128;
  }, customRule('cidr'));

export const lanConfig = z.object({
  enabled: z.boolean(),
  host: bindAddress,
  port: z.number().int().min(1).max(65535),
  /** Empty: every client address may connect. */
  allowedCidrs: z.array(cidr).max(MAX_ALLOWED_CIDRS),
});
export type LanConfig = z.infer<typeof lanConfig>;

const certificateInput = z.union([
  /** A new self-signed certificate for this machine's addresses and host name. */
  z.object({ generate: z.literal(true) }).strict(),
  /** A certificate and its private key, PEM (e.g. from the company's CA). */
  z.object({ certPem: z.string().min(1).max(64 * 1024), keyPem: z.string().min(1).max(16 * 1024) }).strict(),
  /** A PKCS#12 file (.pfx/.p12, as Windows exports one), base64, and its password. */
  z.object({ pfxBase64: z.string().min(1).max(256 * 1024), passphrase: z.string().max(200) }).strict(),
]);

export const lanStatus = z.object({
  running: z.boolean(),
  /** Where phones reach the form (https://host:port/c/). */
  urls: z.array(z.string()),
  /** SHA-256 fingerprint of the certificate (AA:BB:...), shown in the app and on the QR sheet. */
  fingerprint: z.string().nullable(),
  /** The certificate itself (public), so it can be installed on phones. */
  certificatePem: z.string().nullable(),
  certificateSource: z.enum(['generated', 'imported']).nullable(),
  certificateExpiresAt: z.string().nullable(),
  config: lanConfig,
  /** This machine's LAN addresses, to choose the interface from. */
  addresses: z.array(z.string()),
  /** Why the listener is not running although it is enabled (a message key), if it tried. */
  problem: z.string().nullable(),
});
export type LanStatus = z.infer<typeof lanStatus>;

export const lanChannels = {
  'lan.status': channel({ input: empty, output: lanStatus }),
  'lan.configure': channel({
    input: z.object({
      enabled: z.boolean(),
      host: bindAddress,
      port: z.number().int().min(1).max(65535).default(LAN_DEFAULT_PORT),
      allowedCidrs: z.array(cidr).max(MAX_ALLOWED_CIDRS).optional(),
      certificate: certificateInput.optional(),
    }),
    output: lanStatus,
  }),
};
