// Reads a SQLCipher 4 database file (and its WAL) page by page with the raw key, the way the
// format is laid out, without SQLite: every page, live or free, decrypted. What a test needs to
// say that nothing of some deleted rows is left anywhere in the file — the encrypted bytes
// alone prove nothing, and a query sees only live rows.
//
// SQLCipher 4 (the default the vault uses): 4096-byte pages, each encrypted with AES-256-CBC
// under the raw key, its last 80 bytes reserved (a 16-byte IV, then the 64-byte HMAC-SHA512).
// Page 1 begins with the 16-byte salt in place of SQLite's header string. A WAL is a 32-byte
// header and frames of a 24-byte header followed by one encrypted page.
import { createDecipheriv } from 'node:crypto';
import fs from 'node:fs';

const PAGE = 4096;
const RESERVE = 80;
const IV = 16;

function decryptPage(page: Buffer, key: Buffer, first: boolean): Buffer {
  const start = first ? 16 : 0;
  const end = PAGE - RESERVE;
  const iv = page.subarray(end, end + IV);
  const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(start, end)), decipher.final()]);
}

/** Every page of the database file, decrypted (the file's first 16 bytes, its salt, left out). */
export function decryptDatabasePages(file: string, keyHex: string): Buffer[] {
  const key = Buffer.from(keyHex, 'hex');
  const bytes = fs.readFileSync(file);
  const pages: Buffer[] = [];
  for (let at = 0; at + PAGE <= bytes.length; at += PAGE) pages.push(decryptPage(bytes.subarray(at, at + PAGE), key, at === 0));
  return pages;
}

/** Every page in the WAL's frames, decrypted; none when the WAL is absent or empty. */
export function decryptWalPages(file: string, keyHex: string): Buffer[] {
  if (!fs.existsSync(file)) return [];
  const key = Buffer.from(keyHex, 'hex');
  const bytes = fs.readFileSync(file);
  const pages: Buffer[] = [];
  for (let at = 32; at + 24 + PAGE <= bytes.length; at += 24 + PAGE) {
    const pageNo = bytes.readUInt32BE(at);
    pages.push(decryptPage(bytes.subarray(at + 24, at + 24 + PAGE), key, pageNo === 1));
  }
  return pages;
}
