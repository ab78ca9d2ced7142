// Saving an export in the desktop app (vault.files.saveExport): main asks where through the
// native save dialog (a fake here, named as such: Electron cannot run in tests) and writes a
// real file there, readable by its owner only, replacing a chosen existing file whole; a
// cancel writes nothing. The preload passes on only a checked request and a checked answer.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameRefusal, type IpcCallerEvent } from '../../src-main/electron/ipc';
import { saveExportFile, type SaveDialogOptions } from '../../src-main/electron/save-file';
import { createFileSaving } from '../../src-preload/shell-events';
import { SAVE_EXPORT_CHANNEL } from '../../src-shared/save-export';

const CSV = Buffer.from('従業員名,扶養親族等名\r\n髙橋一郎,\r\n', 'utf8');
const request = (fileName = 'payroll-yayoi_20261201.csv', bytes = CSV) => ({ fileName, contentBase64: bytes.toString('base64') });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mnv-save-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Stands in for Electron's dialog.showSaveDialog: records what it was asked, answers `choice`. */
function fakeSaveDialog(choice: { canceled: boolean; filePath?: string }) {
  const asked: SaveDialogOptions[] = [];
  const show = vi.fn(async (options: SaveDialogOptions) => {
    asked.push(options);
    return choice;
  });
  return { show, asked };
}

const deps = (dialog: ReturnType<typeof fakeSaveDialog>) => ({ showSaveDialog: dialog.show, defaultDir: '/home/hr/Documents', title: '書き出したファイルの保存' });
const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('saveExportFile', () => {
  it('offers the export’s own name in the default folder, filtered to its kind', async () => {
    const csvDialog = fakeSaveDialog({ canceled: true });
    await saveExportFile(request(), deps(csvDialog));
    expect(csvDialog.asked).toEqual([
      { title: '書き出したファイルの保存', defaultPath: path.join('/home/hr/Documents', 'payroll-yayoi_20261201.csv'), filters: [{ name: 'CSV', extensions: ['csv'] }], properties: ['createDirectory', 'showOverwriteConfirmation'] },
    ]);
    const zipDialog = fakeSaveDialog({ canceled: true });
    await saveExportFile(request('payroll-mf_20261201.zip'), deps(zipDialog));
    expect(zipDialog.asked[0]!.filters).toEqual([{ name: 'ZIP', extensions: ['zip'] }]);
  });

  it.skipIf(process.platform === 'win32')('writes the bytes where the user chose, readable and writable by the owner only (0600)', async () => {
    const target = path.join(dir, '給与.csv');
    const result = await saveExportFile(request(), deps(fakeSaveDialog({ canceled: false, filePath: target })));
    expect(result).toEqual({ saved: true, path: target });
    expect(readFileSync(target)).toEqual(CSV);
    expect(modeOf(target)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['給与.csv']);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const result = await saveExportFile(request(), deps(fakeSaveDialog({ canceled: true, filePath: path.join(dir, 'x.csv') })));
    expect(result).toEqual({ saved: false, reason: 'cancelled' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('replaces an existing file the user chose with a new owner-only file, renamed over it whole', async () => {
    const target = path.join(dir, 'payroll.csv');
    writeFileSync(target, 'old contents, readable by all', { mode: 0o644 });
    const before = statSync(target);
    const result = await saveExportFile(request(), deps(fakeSaveDialog({ canceled: false, filePath: target })));
    expect(result).toEqual({ saved: true, path: target });
    const after = statSync(target);
    expect(readFileSync(target)).toEqual(CSV);
    expect(after.mode & 0o777).toBe(0o600);
    // A different file took the name (a rename), not the old one rewritten in place.
    expect(after.ino).not.toBe(before.ino);
    expect(readdirSync(dir)).toEqual(['payroll.csv']);
  });

  it('fails without leaving its temporary file when the chosen name cannot be replaced, and keeps what was there', async () => {
    const target = path.join(dir, 'taken.csv');
    mkdirSync(target);
    writeFileSync(path.join(target, 'inside.txt'), 'kept');
    const result = await saveExportFile(request(), deps(fakeSaveDialog({ canceled: false, filePath: target })));
    expect(result).toEqual({ saved: false, reason: 'failed' });
    expect(readdirSync(dir)).toEqual(['taken.csv']);
    expect(readFileSync(path.join(target, 'inside.txt'), 'utf8')).toBe('kept');
  });

  it('refuses, without asking, a name with a folder in it, another kind of file, or content that is not base64', async () => {
    for (const bad of [request('../payroll.csv'), request('C:\\Users\\x.csv'), request('pay\u0007roll.csv'), request('payroll.exe'), { fileName: 'payroll.csv', contentBase64: 'not base64!' }, { fileName: 'payroll.csv' }, null]) {
      const dialog = fakeSaveDialog({ canceled: false, filePath: path.join(dir, 'x.csv') });
      expect(await saveExportFile(bad, deps(dialog))).toEqual({ saved: false, reason: 'failed' });
      expect(dialog.show).not.toHaveBeenCalled();
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("main's save channel", () => {
  it('answers only the main frame of an app:// page, as the contract channels do', () => {
    const mainFrame = { url: 'app://vault/admin/index.html' };
    const event = (senderFrame: { url: string } | null, main = mainFrame): IpcCallerEvent => ({ senderFrame, sender: { id: 1, mainFrame: main } });
    expect(frameRefusal(event(mainFrame), 'app://vault')).toBeNull();
    expect(frameRefusal(event(null), 'app://vault')).toBe('no-frame');
    expect(frameRefusal(event({ url: 'app://vault/frame.html' }), 'app://vault')).toBe('subframe');
    const foreign = { url: 'https://example.com/' };
    expect(frameRefusal(event(foreign, foreign), 'app://vault')).toBe('foreign-origin');
  });
});

describe('the preload: vault.files.saveExport', () => {
  it('sends main only the checked file name and content, and hands back only the answer’s fields', async () => {
    const invoke = vi.fn(async () => ({ saved: true, path: '/home/hr/Documents/payroll.csv', extra: 'not passed on' }));
    const files = createFileSaving({ invoke } as never);
    const answer = await files.saveExport({ ...request(), extra: 'dropped' } as never);
    expect(invoke).toHaveBeenCalledExactlyOnceWith(SAVE_EXPORT_CHANNEL, request());
    expect(answer).toEqual({ saved: true, path: '/home/hr/Documents/payroll.csv' });
  });

  it('refuses a request that is not a plain file name and base64 content, and reads a malformed answer as a failure', async () => {
    const invoke = vi.fn(async () => 'whatever');
    const files = createFileSaving({ invoke } as never);
    await expect(files.saveExport({ fileName: '../../.bashrc', contentBase64: '' })).rejects.toThrow(TypeError);
    expect(invoke).not.toHaveBeenCalled();
    expect(await files.saveExport(request())).toEqual({ saved: false, reason: 'failed' });
  });
});
