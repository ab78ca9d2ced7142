// Files in and out of the CSV screens: a chosen file read as base64 for csv.importPreview,
// its header row read in the browser for the mapping step (in the encoding the core found),
// and an exported file saved: in the desktop app by main, where the user chooses in the native
// save dialog and owner-only (vault.files.saveExport); in the browser harness, as a download.
import { parse } from 'csv-parse/browser/esm/sync';
import type { CsvEncoding } from '../../../src-shared/contract';
import { vault } from '../api';

/** The file's bytes as base64, without the data-URL prefix. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

function bytesOf(base64: string, limit: number): Uint8Array {
  // Only the start is decoded: the header and first row are all the mapping step shows.
  const text = atob(base64.slice(0, Math.ceil(limit / 3) * 4));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/** The header row and the first data row, as the core will read them (empty when unreadable). */
export function headerAndSample(base64: string, encoding: CsvEncoding): { headers: string[]; sample: string[] } {
  // The WHATWG "shift_jis" decoder is Windows-31J (CP932), as the core's.
  const decoder = new TextDecoder(encoding === 'cp932' ? 'shift_jis' : 'utf-8');
  const text = decoder.decode(bytesOf(base64, 256 * 1024)).replace(/^\uFEFF/, '');
  try {
    const records = parse(text, { to_line: 2, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
    return { headers: (records[0] ?? []).map((h) => h.trim()), sample: records[1] ?? [] };
  } catch {
    return { headers: [], sample: [] };
  }
}

/** Hands the file to the user as a download. */
export function downloadFile(fileName: string, contentBase64: string, zipped: boolean): void {
  const bytes = Uint8Array.from(atob(contentBase64), (c) => c.charCodeAt(0));
  const blob = new Blob([bytes], { type: zipped ? 'application/zip' : 'text/csv' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the download has taken the bytes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What became of an exported file: saved at `path` (desktop), downloaded (browser), not saved (cancelled in the dialog, or the write failed). */
export type SaveOutcome = { kind: 'saved'; path: string } | { kind: 'downloaded' } | { kind: 'cancelled' } | { kind: 'failed' };

/**
 * Saves an exported file: through the desktop app's save dialog where there is one, else as a
 * download. The content is not kept: it goes straight to main (or the Blob) and is dropped.
 */
export async function saveExport(fileName: string, contentBase64: string, zipped: boolean): Promise<SaveOutcome> {
  const files = vault().files;
  if (!files) {
    downloadFile(fileName, contentBase64, zipped);
    return { kind: 'downloaded' };
  }
  const result = await files.saveExport({ fileName, contentBase64 });
  if (result.saved) return { kind: 'saved', path: result.path };
  return { kind: result.reason };
}
