// The packaged app refuses to start with a switch that would let another program drive or
// read it (a DevTools port or pipe, a Node inspector, V8 flags). Chromium on Windows reads
// switches case-insensitively and with `-` or `/` as well as `--`; so does this check.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forbiddenSwitches } from '../../src-main/electron/launch-switches';

const EXE = 'C:\\Program Files\\MyNumber Vault\\MyNumber Vault.exe';

describe('forbiddenSwitches', () => {
  it('finds nothing in an ordinary launch', () => {
    expect(forbiddenSwitches([EXE])).toEqual([]);
    expect(forbiddenSwitches(['/opt/MyNumber Vault/mynumber-vault', '--no-sandbox-is-not-ours', '--lang=ja', '--enable-logging'])).toEqual([]);
  });

  it.each([
    ['--remote-debugging-port=9222', 'remote-debugging-port'],
    ['--remote-debugging-port', 'remote-debugging-port'],
    ['--remote-debugging-pipe', 'remote-debugging-pipe'],
    ['--remote-debugging-address=0.0.0.0', 'remote-debugging-address'],
    ['--remote-allow-origins=*', 'remote-allow-origins'],
    ['--inspect', 'inspect'],
    ['--inspect=0.0.0.0:9229', 'inspect'],
    ['--inspect-brk=9229', 'inspect-brk'],
    ['--inspect-brk-node=9229', 'inspect-brk-node'],
    ['--inspect-wait', 'inspect-wait'],
    ['--inspect-port=9229', 'inspect-port'],
    ['--inspect-publish-uid=http', 'inspect-publish-uid'],
    ['--debug', 'debug'],
    ['--debug-brk', 'debug-brk'],
    ['--debug-port=5858', 'debug-port'],
    ['--js-flags=--allow-natives-syntax', 'js-flags'],
  ])('refuses %s', (arg, name) => {
    expect(forbiddenSwitches([EXE, arg])).toEqual([name]);
  });

  it.each([
    ['-remote-debugging-port=9222'],
    ['/remote-debugging-port=9222'],
    ['--Remote-Debugging-Port=9222'],
    ['/REMOTE-DEBUGGING-PORT=9222'],
    ['--remote-debugging-port=9222\n'],
  ])('refuses the spelling Chromium also accepts on Windows: %j', (arg) => {
    expect(forbiddenSwitches([EXE, arg])).toEqual(['remote-debugging-port']);
  });

  it('names each refused switch once, in the order found', () => {
    expect(forbiddenSwitches([EXE, '--inspect=1', '--remote-debugging-port=2', '--inspect=3', '/INSPECT'])).toEqual(['inspect', 'remote-debugging-port']);
  });

  it('does not take a value or a longer name for the switch', () => {
    expect(forbiddenSwitches([EXE, '--lang=--inspect', '--inspector-theme', '--remote-debugging-portal', 'inspect', 'remote-debugging-port=9222'])).toEqual([]);
  });

  it('is what the packaged app asks of its argv before it takes the single-instance lock', () => {
    const main = fs.readFileSync(path.resolve(import.meta.dirname, '../../src-main/electron/main.ts'), 'utf8');
    const asked = main.indexOf('app.isPackaged ? forbiddenSwitches(process.argv) : []');
    expect(asked).toBeGreaterThan(-1);
    expect(asked).toBeLessThan(main.indexOf('app.requestSingleInstanceLock()'));
  });
});
