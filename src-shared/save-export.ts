// `vault.files.saveExport`: in the desktop app an exported file (perhaps holding My Numbers) is
// written by main where the user chooses in a native save dialog, readable by its owner only
// where the OS allows, instead of being handed to the browser's downloads. Not a contract
// channel: nothing reaches the core; the browser harness has no such function, and the page
// falls back to a download there.

/** The IPC channel between the preload and main. */
export const SAVE_EXPORT_CHANNEL = 'vault:save-export';

/** Export files are at most this large (the CSV limit's order, with room for the zip). */
export const SAVE_EXPORT_MAX_BYTES = 256 * 1024 * 1024;

export interface SaveExportRequest {
  /** The export's own file name (csv.export's fileName): the dialog's default, never a path. */
  fileName: string;
  contentBase64: string;
}

export type SaveExportResult = { saved: true; path: string } | { saved: false; reason: 'cancelled' | 'failed' };

export interface VaultFiles {
  saveExport(request: SaveExportRequest): Promise<SaveExportResult>;
}

/** Characters no file name may hold: a folder separator, what Windows refuses, control characters. */
const NOT_IN_FILE_NAME = /[\\/:*?"<>|]/;
const isPlainFileName = (name: string) => name.length > 0 && name.length <= 255 && !NOT_IN_FILE_NAME.test(name) && ![...name].some((c) => c.charCodeAt(0) < 0x20) && !/^\.+$/.test(name);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The request as a new plain object of exactly its fields, or null when it is not one: a plain
 * file name ending .csv or .zip (no folder, nothing Windows refuses), base64 content within the
 * limit. No schema library: the preload stays small.
 */
export function readSaveExportRequest(value: unknown): SaveExportRequest | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.fileName !== 'string' || !isPlainFileName(v.fileName) || !/\.(csv|zip)$/i.test(v.fileName)) return null;
  if (typeof v.contentBase64 !== 'string' || v.contentBase64.length > Math.ceil(SAVE_EXPORT_MAX_BYTES / 3) * 4 || !BASE64.test(v.contentBase64)) return null;
  return { fileName: v.fileName, contentBase64: v.contentBase64 };
}

/** Main's answer as a new plain object, or a failure when it is not one of the two shapes. */
export function readSaveExportResult(value: unknown): SaveExportResult {
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    if (v.saved === true && typeof v.path === 'string' && v.path.length > 0) return { saved: true, path: v.path };
    if (v.saved === false && (v.reason === 'cancelled' || v.reason === 'failed')) return { saved: false, reason: v.reason };
  }
  return { saved: false, reason: 'failed' };
}
