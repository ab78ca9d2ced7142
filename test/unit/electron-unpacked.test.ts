// The packaged app loads native code from outside the asar archive: every native addon and
// shared library of a production dependency is matched by electron-builder.yml's
// asarUnpack globs (or lives in a package electron-builder unpacks by itself, one holding a
// .node addon). Checked against the files actually installed, so a new native dependency
// that is not unpacked turns this red. (The Electron binary cannot be downloaded here, so the
// app itself is not packaged in tests.)
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { asarUnpack?: string[]; asar?: boolean };
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

// WebAssembly is read through Electron's fs, which serves the asar: not native code here.
const NATIVE = /\.(node|so(\.\d+)*|dylib|dll)$/;

/** Production dependencies and what they depend on, as installed. */
function productionPackages(): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const manifest = path.join(root, 'node_modules', name, 'package.json');
    if (!fs.existsSync(manifest)) return;
    seen.add(name);
    const m = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    for (const dep of Object.keys({ ...m.dependencies, ...m.optionalDependencies })) visit(dep);
  };
  for (const name of Object.keys(pkg.dependencies)) visit(name);
  return [...seen];
}

function filesOf(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : filesOf(p);
    return [p];
  });
}

describe('native files in the packaged app', () => {
  it('are all unpacked from the asar', () => {
    expect(config.asar).toBe(true);
    const globs = config.asarUnpack ?? [];
    const stillPacked: string[] = [];
    for (const name of productionPackages()) {
      const dir = path.join(root, 'node_modules', name);
      const files = filesOf(dir).map((f) => path.relative(root, f).split(path.sep).join('/'));
      // The better-sqlite3 build used by the app ships as extraResources (see electron-builder.yml).
      if (name === 'better-sqlite3-multiple-ciphers') continue;
      const autoUnpacked = files.some((f) => f.endsWith('.node'));
      for (const f of files.filter((x) => NATIVE.test(x))) {
        if (autoUnpacked || globs.some((g) => minimatch(f, g, { dot: true }))) continue;
        stillPacked.push(f);
      }
    }
    expect(stillPacked).toEqual([]);
  });

  it('include sharp and its libvips', () => {
    const globs = config.asarUnpack ?? [];
    const libvips = filesOf(path.join(root, 'node_modules/@img')).map((f) => path.relative(root, f).split(path.sep).join('/')).filter((f) => /libvips/.test(f) && NATIVE.test(f));
    expect(libvips.length).toBeGreaterThan(0);
    for (const f of libvips) expect(globs.some((g) => minimatch(f, g, { dot: true })), f).toBe(true);
  });
});
