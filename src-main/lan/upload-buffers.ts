// The buffers uploads are read into, kept and reused instead of made for each one. A photo's body
// (4 MB and more) used to be gathered chunk by chunk and joined into a new buffer: V8 counts
// every byte of such buffers as allocated since its last full collection, and its collector
// starts a mark-compact whenever that count nears the old generation's limit (as we read its
// heuristics), so an upload burst ran three or four a second, each freeing almost nothing, and
// the kernel mapped and zeroed every new buffer's pages. A buffer taken from here was counted
// once, and its pages are mapped already (measured: fewer mark-compacts, a lower peak; README,
// Collection over the LAN). Each is as large as an upload may be; only the pages a body touched become
// resident, and those are zeroed when the buffer comes back, so no photo outlives its request.
// The free ones are dropped once uploads have stopped for a while.

export interface UploadBuffer {
  /** The buffer itself: `capacity` bytes, of which `used` hold the body read into it. */
  readonly bytes: Buffer;
  used: number;
}

export interface UploadBuffers {
  /** A buffer to read a body into: one kept free, or a new one. */
  take(): UploadBuffer;
  /** Gives a buffer back once nothing reads it any more: its used part is zeroed, and it is kept (at most `keep`) or dropped. */
  give(buffer: UploadBuffer): void;
  /** How many are kept free now (for tests). */
  free(): number;
  /** Drops the free ones (the listener stops). */
  clear(): void;
}

export interface UploadBuffersOptions {
  /** The size of each buffer: the largest body part taken. */
  capacity: number;
  /** How many free buffers are kept at most (the uploads read at a time). */
  keep: number;
  /** The free buffers are dropped after this long without an upload. */
  idleMs: number;
}

export function createUploadBuffers(options: UploadBuffersOptions): UploadBuffers {
  const freeList: UploadBuffer[] = [];
  const given = new WeakSet<UploadBuffer>();
  let idleTimer: NodeJS.Timeout | undefined;

  const clear = () => {
    freeList.length = 0;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = undefined;
  };

  return {
    take() {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = undefined;
      const buffer = freeList.pop() ?? { bytes: Buffer.allocUnsafeSlow(options.capacity), used: 0 };
      given.add(buffer);
      return buffer;
    },
    give(buffer) {
      // Given back twice would put one buffer in two uploads' hands.
      if (!given.delete(buffer)) return;
      buffer.bytes.fill(0, 0, buffer.used);
      buffer.used = 0;
      if (freeList.length < options.keep) freeList.push(buffer);
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = setTimeout(clear, options.idleMs).unref();
    },
    free: () => freeList.length,
    clear,
  };
}
