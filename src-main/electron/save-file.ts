// Writing an exported file where the user chooses (vault.files.saveExport), without Electron:
// main hands in its dialog.showSaveDialog, so this is unit-tested with a fake dialog and real
// files. The bytes go to a temporary file in the chosen folder, created new (`wx`) with mode
// 0o600 and set to 0o600 again whatever the umask, flushed, then renamed over the chosen name:
// the user's file is replaced whole or not at all, and never readable by others in between.
// On Windows a mode means nothing: the file inherits the folder's ACL (the user's own
// Documents folder is theirs alone by default). Nothing here logs: not the path, not the bytes.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { readSaveExportRequest, type SaveExportResult } from '../../src-shared/save-export';

/** The part of Electron's SaveDialogOptions used here. */
export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation')[];
}

/** Electron's dialog.showSaveDialog (bound to the window), or a test's fake. */
export type ShowSaveDialog = (options: SaveDialogOptions) => Promise<{ canceled: boolean; filePath?: string | undefined }>;

export interface SaveExportDeps {
  showSaveDialog: ShowSaveDialog;
  /** The folder the dialog opens in (the user's Documents). */
  defaultDir: string;
  /** The dialog's title, in the UI's language. */
  title: string;
  platform?: NodeJS.Platform;
}

const OWNER_ONLY = 0o600;

/** Writes `bytes` to `target` as a new file readable and writable by its owner only (POSIX), replacing any file there at once. */
export async function writeOwnerOnly(target: string, bytes: Uint8Array, platform: NodeJS.Platform = process.platform): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const file = await open(temp, 'wx', OWNER_ONLY);
    try {
      // The mode given to open is narrowed by the umask, never widened; fchmod makes it exact.
      if (platform !== 'win32') await file.chmod(OWNER_ONLY);
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

const filtersFor = (fileName: string) => (/\.zip$/i.test(fileName) ? [{ name: 'ZIP', extensions: ['zip'] }] : [{ name: 'CSV', extensions: ['csv'] }]);

/**
 * Asks where to save the export (the export's own name in the user's folder by default) and
 * writes it there owner-only. Cancelled: nothing is written. A request that is not a plain file
 * name and base64 content, or a write that fails, is a failure and leaves no file behind.
 */
export async function saveExportFile(request: unknown, { showSaveDialog, defaultDir, title, platform = process.platform }: SaveExportDeps): Promise<SaveExportResult> {
  const checked = readSaveExportRequest(request);
  if (!checked) return { saved: false, reason: 'failed' };
  const choice = await showSaveDialog({
    title,
    defaultPath: path.join(defaultDir, checked.fileName),
    filters: filtersFor(checked.fileName),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (choice.canceled || !choice.filePath) return { saved: false, reason: 'cancelled' };
  try {
    await writeOwnerOnly(choice.filePath, Buffer.from(checked.contentBase64, 'base64'), platform);
  } catch {
    return { saved: false, reason: 'failed' };
  }
  return { saved: true, path: choice.filePath };
}
