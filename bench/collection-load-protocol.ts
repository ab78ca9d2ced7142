// What the collection-load benchmark and its server process (collection-load-server.ts) say to
// each other over the IPC channel.

export type ServerRequest =
  | { type: 'floor'; files: string[]; order: number[] }
  | { type: 'warm'; file: string }
  | { type: 'memory' }
  | { type: 'crossChecks' }
  | { type: 'cpu' }
  | { type: 'counts' }
  | { type: 'stop' };

export interface ServerReady {
  type: 'ready';
  port: number;
  ca: string;
  tokens: string[];
  proberToken: string;
  /** Images processed at a time, and uploads taken in at a time (the core's defaults for this machine). */
  processing: number;
  receiving: number;
  threadpool: number;
  sharpConcurrency: number;
}

/**
 * Every phone of the benchmark comes from loopback: the per-address limits of the listener
 * (300 requests and 60 openings a minute) are raised so that the prober's 20 requests a second
 * are not refused. The core's own passcode throttling is left as it is.
 */
export const RAISED_LIMITS = { requestsPerMinute: 1_000_000, opensPerMinute: 1_000_000 };

/** One reading of the server's memory, in MB: resident, V8's heap (used of total), outside it (buffers). */
export interface MemorySample {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}
