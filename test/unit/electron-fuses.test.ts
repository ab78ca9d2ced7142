// build/after-pack.cjs: the fuses it flips, and its refusal to package without the Electron
// build of the native module. The flip itself runs against a fake Electron binary that
// carries a fuse wire, as a packaged one does.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';

interface AfterPackModule {
  (context: unknown): Promise<void>;
  FUSES: Record<string, boolean>;
  fuseConfig(fuses: unknown, opts?: { resetAdHocDarwinSignature?: boolean }): Record<string | number, unknown>;
  electronBinaryPath(context: unknown): string;
}
const afterPack = createRequire(import.meta.url)('../../build/after-pack.cjs') as AfterPackModule;

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fake packaged Linux app: an "electron" file with an all-default fuse wire, and resources/. */
function fakeAppOutDir({ withNative }: { withNative: boolean }) {
  const appOutDir = mkdtempSync(path.join(os.tmpdir(), 'mnv-afterpack-'));
  dirs.push(appOutDir);
  // Electron's defaults: RunAsNode, NodeOptions, NodeCliInspect, WasmTrapHandlers on; the rest off.
  const wire = '101100001';
  writeFileSync(path.join(appOutDir, 'mynumber-vault'), Buffer.concat([Buffer.from('ELF....'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from('....')]));
  mkdirSync(path.join(appOutDir, 'resources', 'native'), { recursive: true });
  if (withNative) writeFileSync(path.join(appOutDir, 'resources', 'native', 'better_sqlite3.node'), 'native');
  const context = {
    appOutDir,
    electronPlatformName: 'linux',
    arch: 1,
    packager: { executableName: 'mynumber-vault', appInfo: { productFilename: 'MyNumber Vault' }, getResourcesDir: (dir: string) => path.join(dir, 'resources') },
  };
  return { appOutDir, context };
}

describe('after-pack fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect; turns on asar integrity, asar-only and cookie encryption', () => {
    const config = afterPack.fuseConfig({ FuseVersion, FuseV1Options });
    expect(config).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('flips those fuses in the packaged binary', async () => {
    const { appOutDir, context } = fakeAppOutDir({ withNative: true });
    await afterPack(context);
    const binary = path.join(appOutDir, 'mynumber-vault');
    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(readFileSync(binary).includes(Buffer.from(SENTINEL))).toBe(true);
  });

  it('refuses to package without resources/native/better_sqlite3.node', async () => {
    const { context } = fakeAppOutDir({ withNative: false });
    await expect(afterPack(context)).rejects.toThrow(/build:native-electron/);
  });

  it('finds the Electron executable per platform', () => {
    const packager = { executableName: 'mynumber-vault', appInfo: { productFilename: 'MyNumber Vault' } };
    expect(afterPack.electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(path.join('/o', 'MyNumber Vault.exe'));
    expect(afterPack.electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(path.join('/o', 'MyNumber Vault.app'));
    expect(afterPack.electronBinaryPath({ appOutDir: '/o', electronPlatformName: 'linux', packager })).toBe(path.join('/o', 'mynumber-vault'));
  });
});
