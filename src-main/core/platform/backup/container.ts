// The backup file (.mnvbak): one file holding everything a new machine needs besides the
// recovery code. A small container of our own rather than a zip: its parts are already
// encrypted or wrapped (nothing for zip's encryption to add), zip's CRC-32 is no checksum
// against tampering, and a fixed layout is read and verified in a few lines without a
// dependency, streaming a database of any size through SHA-256.
//
// Layout (integers big-endian):
//   8 bytes   magic "MNVBAK\r\n"
//   4 bytes   length of the header
//   header    UTF-8 JSON: { format: 1, vaultId, createdAt, schemaVersion, auditHead, sections }
//   sections  their bytes, one after another, in the header's order:
//               manifest  vault.json (the vault's id; no secret)
//               recovery  keys.recovery.json: the vault's keys wrapped by the recovery code
//               database  the SQLCipher file, encrypted with the vault's own database key
//   32 bytes  SHA-256 over every byte before it
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { AuditHead } from '../audit/audit-log';

export const BACKUP_MAGIC = Buffer.from('MNVBAK\r\n', 'latin1');
export const BACKUP_FORMAT = 1;
export const BACKUP_EXTENSION = '.mnvbak';
const SECTION_NAMES = ['manifest', 'recovery', 'database'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];
const HASH_BYTES = 32;
const MAX_HEADER_BYTES = 64 * 1024;
const CHUNK = 1024 * 1024;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  vaultId: string;
  /** When the copy was taken (ISO 8601, UTC). */
  createdAt: string;
  /** The database's user_version (its last migration). */
  schemaVersion: number;
  /** The audit chain head inside the copied database, MACed by the audit key. */
  auditHead: AuditHead | null;
  sections: { name: SectionName; bytes: number }[];
}

/** Why a file is not a readable backup; each has a message for the person (CLI and UI). */
export type BackupProblem = 'not_backup' | 'unknown_format' | 'truncated' | 'checksum' | 'bad_structure';

export class BackupFileError extends Error {
  constructor(readonly problem: BackupProblem) {
    super(BACKUP_PROBLEM_MESSAGES[problem]);
    this.name = 'BackupFileError';
  }
}

export const BACKUP_PROBLEM_MESSAGES: Record<BackupProblem, string> = {
  not_backup: 'MyNumber Vault のバックアップファイルではありません。',
  unknown_format: 'このバックアップファイルの形式には対応していません。アプリを更新してください。',
  truncated: 'バックアップファイルが途中で切れています（コピーが完了していない可能性があります）。',
  checksum: 'バックアップファイルのチェックサムが一致しません。ファイルが破損しているか、書き換えられています。',
  bad_structure: 'バックアップファイルの中身の構成が正しくありません。',
};

export interface BackupParts {
  header: Omit<BackupHeader, 'format' | 'sections'>;
  manifest: string;
  recovery: string;
  /** Path of the database copy to embed (read in chunks, never held whole in memory). */
  databaseFile: string;
}

/**
 * Writes the container to `file` atomically: into a temporary file beside it (owner-only),
 * synced, then renamed over, then the folder synced. A crash leaves no half backup under the name.
 */
export async function writeBackupFile(file: string, parts: BackupParts): Promise<number> {
  const manifest = Buffer.from(parts.manifest, 'utf8');
  const recovery = Buffer.from(parts.recovery, 'utf8');
  const dbBytes = (await fs.promises.stat(parts.databaseFile)).size;
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    ...parts.header,
    sections: [
      { name: 'manifest', bytes: manifest.length },
      { name: 'recovery', bytes: recovery.length },
      { name: 'database', bytes: dbBytes },
    ],
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  const tmp = `${file}.tmp-${process.pid}`;
  const hash = createHash('sha256');
  const out = await fs.promises.open(tmp, 'wx', 0o600);
  let total = 0;
  try {
    const write = async (buf: Buffer) => {
      hash.update(buf);
      await out.write(buf);
      total += buf.length;
    };
    await write(BACKUP_MAGIC);
    await write(length);
    await write(headerBytes);
    await write(manifest);
    await write(recovery);
    const src = await fs.promises.open(parts.databaseFile, 'r');
    try {
      const buf = Buffer.alloc(CHUNK);
      for (let pos = 0; pos < dbBytes; ) {
        const { bytesRead } = await src.read(buf, 0, Math.min(CHUNK, dbBytes - pos), pos);
        if (bytesRead === 0) throw new Error('database copy shrank while being read');
        await write(buf.subarray(0, bytesRead));
        pos += bytesRead;
      }
    } finally {
      await src.close();
    }
    const digest = hash.digest();
    await out.write(digest);
    total += digest.length;
    await out.sync();
  } catch (err) {
    await out.close();
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
  await out.close();
  await fs.promises.rename(tmp, file);
  await syncDir(path.dirname(file));
  return total;
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface OpenedBackup {
  file: string;
  header: BackupHeader;
  bytes: number;
  /** Where each section starts in the file. */
  offsets: Record<SectionName, { start: number; bytes: number }>;
}

/**
 * Reads and checks a backup file without any secret: magic, format, header, that the sections
 * fill the file exactly, and the SHA-256 over the whole of it.
 */
export async function readBackupFile(file: string): Promise<OpenedBackup> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const start = Buffer.alloc(BACKUP_MAGIC.length + 4);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    if (bytesRead < BACKUP_MAGIC.length || !start.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) throw new BackupFileError('not_backup');
    if (bytesRead < start.length) throw new BackupFileError('truncated');
    const headerLength = start.readUInt32BE(BACKUP_MAGIC.length);
    if (headerLength > MAX_HEADER_BYTES) throw new BackupFileError('bad_structure');
    if (start.length + headerLength + HASH_BYTES > size) throw new BackupFileError('truncated');
    const headerBytes = Buffer.alloc(headerLength);
    await handle.read(headerBytes, 0, headerLength, start.length);
    let header: BackupHeader;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as BackupHeader;
    } catch {
      throw new BackupFileError('bad_structure');
    }
    if (header.format !== BACKUP_FORMAT) throw new BackupFileError(typeof header.format === 'number' && header.format > BACKUP_FORMAT ? 'unknown_format' : 'bad_structure');
    if (!validHeader(header)) throw new BackupFileError('bad_structure');
    let pos = start.length + headerLength;
    const offsets = {} as OpenedBackup['offsets'];
    for (const s of header.sections) {
      offsets[s.name] = { start: pos, bytes: s.bytes };
      pos += s.bytes;
    }
    if (pos + HASH_BYTES < size) throw new BackupFileError('bad_structure');
    if (pos + HASH_BYTES > size) throw new BackupFileError('truncated');

    const hash = createHash('sha256');
    const buf = Buffer.alloc(CHUNK);
    for (let at = 0; at < pos; ) {
      const r = await handle.read(buf, 0, Math.min(CHUNK, pos - at), at);
      if (r.bytesRead === 0) throw new BackupFileError('truncated');
      hash.update(buf.subarray(0, r.bytesRead));
      at += r.bytesRead;
    }
    const stored = Buffer.alloc(HASH_BYTES);
    await handle.read(stored, 0, HASH_BYTES, pos);
    if (!hash.digest().equals(stored)) throw new BackupFileError('checksum');
    return { file, header, bytes: size, offsets };
  } finally {
    await handle.close();
  }
}

function validHeader(h: BackupHeader): boolean {
  if (typeof h.vaultId !== 'string' || typeof h.createdAt !== 'string' || !Number.isInteger(h.schemaVersion)) return false;
  if (h.auditHead !== null && (typeof h.auditHead !== 'object' || typeof h.auditHead.seq !== 'number' || typeof h.auditHead.hash !== 'string' || typeof h.auditHead.mac !== 'string')) return false;
  if (!Array.isArray(h.sections) || h.sections.length !== SECTION_NAMES.length) return false;
  return SECTION_NAMES.every((name, i) => h.sections[i]?.name === name && Number.isSafeInteger(h.sections[i]!.bytes) && h.sections[i]!.bytes >= 0);
}

/** A small section's text (the manifest or the wrapped keys). */
export async function readSectionText(backup: OpenedBackup, name: 'manifest' | 'recovery'): Promise<string> {
  const { start, bytes } = backup.offsets[name];
  const handle = await fs.promises.open(backup.file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    await handle.read(buf, 0, bytes, start);
    return buf.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Copies the database section into `target` (created owner-only, never over an existing file), synced. */
export async function extractDatabase(backup: OpenedBackup, target: string): Promise<void> {
  const { start, bytes } = backup.offsets.database;
  const src = await fs.promises.open(backup.file, 'r');
  try {
    const out = await fs.promises.open(target, 'wx', 0o600);
    try {
      const buf = Buffer.alloc(CHUNK);
      for (let pos = 0; pos < bytes; ) {
        const r = await src.read(buf, 0, Math.min(CHUNK, bytes - pos), start + pos);
        if (r.bytesRead === 0) throw new BackupFileError('truncated');
        await out.write(buf.subarray(0, r.bytesRead));
        pos += r.bytesRead;
      }
      await out.sync();
    } finally {
      await out.close();
    }
  } finally {
    await src.close();
  }
}

/** Whether the database section looks like a plain SQLite file (it must be encrypted). */
export async function databaseLooksPlain(backup: OpenedBackup): Promise<boolean> {
  const handle = await fs.promises.open(backup.file, 'r');
  try {
    const buf = Buffer.alloc(16);
    await handle.read(buf, 0, 16, backup.offsets.database.start);
    return buf.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    await handle.close();
  }
}
