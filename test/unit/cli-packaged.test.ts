// The `mnv` command line ships in the package: built by scripts/build-electron.mjs beside
// main.mjs (not run through tsx), kept by electron-builder.yml's files, and started by the
// packaged main process for `--mnv`, which finds it beside itself.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

function shipped(file: string): boolean {
  let included = false;
  for (const glob of config.files) {
    if (glob.startsWith('!')) {
      if (minimatch(file, glob.slice(1), { dot: true })) included = false;
    } else if (minimatch(file, glob, { dot: true })) included = true;
  }
  return included;
}

describe('the mnv command line in the package', () => {
  it('is an entry of the esbuild build beside main', () => {
    const build = fs.readFileSync(path.join(root, 'scripts', 'build-electron.mjs'), 'utf8');
    expect(build).toContain("mnv: 'src-main/cli/mnv.ts'");
  });

  it('is in the files electron-builder packs, without its source map', () => {
    expect(shipped('dist/electron/mnv.mjs')).toBe(true);
    expect(shipped('dist/electron/mnv.mjs.map')).toBe(false);
  });

  it('is what npm run mnv runs, with Node rather than tsx', () => {
    expect(pkg.scripts.mnv).toBe('node dist/electron/mnv.mjs');
  });

  it('is found by the main process beside itself for --mnv', () => {
    const main = fs.readFileSync(path.join(root, 'src-main', 'electron', 'main.ts'), 'utf8');
    expect(main).toContain("new URL('./mnv.mjs', import.meta.url)");
    expect(main).toContain("process.argv.indexOf('--mnv')");
  });
});
