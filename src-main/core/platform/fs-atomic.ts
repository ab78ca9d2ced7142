import fs from 'node:fs';
import path from 'node:path';

/** Writes a small file so that a crash leaves either the old or the new content, never half. */
export function writeFileAtomic(file: string, content: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  // Make the rename itself durable: fsync the directory (not possible on Windows).
  if (process.platform !== 'win32') {
    const dir = fs.openSync(path.dirname(file), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  }
}

let tmpCount = 0;

/**
 * writeFileAtomic without holding up the event loop: the writes and syncs run on libuv's
 * threads. For files rewritten as the vault works (the audit head after commits), where two
 * synchronous fsyncs per commit would stall every request.
 */
export async function writeFileAtomicAsync(file: string, content: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${++tmpCount}`;
  const handle = await fs.promises.open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
  if (process.platform !== 'win32') {
    const dir = await fs.promises.open(path.dirname(file), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
