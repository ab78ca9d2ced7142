// vault.json: the vault's id and which key store holds its keys. Holds no secret.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { writeFileAtomic } from './fs-atomic';

export const MANIFEST_FILE_NAME = 'vault.json';
export const DB_FILE_NAME = 'vault.db';

export interface VaultManifest {
  format: 1;
  vaultId: string;
  keyStore: 'os' | 'file';
  createdAt: string;
}

export function readManifest(dataDir: string): VaultManifest | null {
  const file = path.join(dataDir, MANIFEST_FILE_NAME);
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as VaultManifest;
}

export function newManifest(keyStore: 'os' | 'file', now: Date): VaultManifest {
  return { format: 1, vaultId: randomUUID(), keyStore, createdAt: now.toISOString() };
}

export function writeManifest(dataDir: string, manifest: VaultManifest): void {
  writeFileAtomic(path.join(dataDir, MANIFEST_FILE_NAME), JSON.stringify(manifest, null, 2));
}
