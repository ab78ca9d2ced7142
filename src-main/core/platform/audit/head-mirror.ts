// Keeps a copy of the audit chain's head outside the database, beside the keys in the key
// store, so that `vault.db` replaced by an older copy of itself (or with its tail cut) is
// caught: the database no longer reaches the head the store remembers. Writes follow the
// commits that moved the head, coalesced; the copy may lag a crash, never lead the database.
import { serializeHead, type AuditHead } from './audit-log';

export interface AuditHeadStore {
  load(): Promise<string | null>;
  save(text: string): Promise<void>;
}

export interface AuditHeadMirror {
  /** Called after an append: a write of the committed head follows shortly. */
  schedule(): void;
  /** The head as last written outside (null when none was written, or it cannot be read). */
  read(): Promise<AuditHead | null>;
  /** Waits for pending writes (before closing, and in tests). */
  flush(): Promise<void>;
  /**
   * Stops writing: the database did not reach the outside head when the vault opened, and
   * that head is the evidence. Nothing is mirrored over it until the vault is restored.
   */
  hold(): void;
}

function parseHead(text: string | null): AuditHead | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<AuditHead>;
    return typeof v.seq === 'number' && typeof v.hash === 'string' && typeof v.mac === 'string' ? { seq: v.seq, hash: v.hash, mac: v.mac } : { seq: -1, hash: '', mac: '' };
  } catch {
    // Unreadable: kept as a head that can never match, so the check reports it.
    return { seq: -1, hash: '', mac: '' };
  }
}

export interface AuditHeadMirrorOptions {
  store: AuditHeadStore;
  /** The committed head in the database. */
  current: () => AuditHead | null;
  /** After each successful write outside (the database notes the first one). */
  onWritten: () => void;
  log: (line: string) => void;
}

export function createAuditHeadMirror({ store, current, onWritten, log }: AuditHeadMirrorOptions): AuditHeadMirror {
  let written: string | null = null;
  let running: Promise<void> | null = null;
  let dirty = false;
  let held = false;

  async function writeLoop(): Promise<void> {
    while (dirty) {
      dirty = false;
      const head = current();
      if (!head) continue;
      const text = serializeHead(head);
      if (text === written) continue;
      try {
        await store.save(text);
        written = text;
        onWritten();
      } catch (err) {
        log(`audit head: not mirrored to the key store: ${err instanceof Error ? err.name : 'error'}`);
      }
    }
  }

  function start() {
    if (running) return;
    running = writeLoop().finally(() => {
      running = null;
      if (dirty) start();
    });
  }

  return {
    schedule() {
      if (held) return;
      dirty = true;
      // After the transaction that appended has committed.
      setImmediate(start);
    },
    async read() {
      return parseHead(await store.load());
    },
    hold() {
      held = true;
      dirty = false;
    },
    async flush() {
      while (dirty || running) {
        if (!running) start();
        await running;
      }
    },
  };
}
