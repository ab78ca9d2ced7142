// Long jobs named by their caller (src-shared/jobs.ts): a registry by jobId and session, the
// progress each reports (handed to the adapters' listeners with the session it belongs to,
// never to anyone else's), and a cancel flag the job checks between its batches. A job
// started without a jobId runs the same way, unregistered: nobody hears it or stops it.
import type { JobProgress } from '../../../src-shared/jobs';
import type { AuditEntry } from '../platform/audit/audit-log';
import type { CallContext } from './context';
import { AppError } from './errors';

export type JobProgressListener = (sessionKey: string, progress: JobProgress) => void;

export interface Job {
  /** Reports the phase and how far it is (sent to the caller's session only). */
  progress(phase: string, done: number, total: number | null): void;
  /** Refuses with CANCELLED (recording `audit` when given) if the caller has asked to stop: call between batches, before anything is kept. */
  throwIfCancelled(audit?: AuditEntry): void;
  /** From here on the job cannot stop (it is committing): jobs.cancel answers false. */
  pastCancel(): void;
  /** Removes the job from the registry (in a finally). */
  end(): void;
}

interface Running {
  sessionKey: string;
  cancelled: boolean;
  cancellable: boolean;
}

/** How long (ms) a job lets the event loop go between its batches at most; progress of one phase is sent no more often than this. */
export const PROGRESS_INTERVAL_MS = 100;

export function createJobs() {
  const running = new Map<string, Running>();
  const listeners = new Set<JobProgressListener>();

  function emit(sessionKey: string, progress: JobProgress) {
    for (const listener of listeners) {
      try {
        listener(sessionKey, progress);
      } catch {
        // An adapter's failure to deliver an event never stops the job.
      }
    }
  }

  return {
    /**
     * Starts a job of the caller's. A jobId the caller's session already runs is refused
     * (CONFLICT); one of another session's is refused the same way, telling nothing more.
     */
    start(ctx: CallContext, jobId: string | undefined, kind: string): Job {
      const sessionKey = ctx.session.key;
      if (jobId !== undefined && running.has(jobId)) throw new AppError('CONFLICT', 'errors.jobs.duplicate');
      const entry: Running = { sessionKey, cancelled: false, cancellable: true };
      if (jobId !== undefined) running.set(jobId, entry);
      let lastPhase = '';
      let lastAt = 0;
      return {
        progress(phase, done, total) {
          if (jobId === undefined) return;
          const now = performance.now();
          // The first and last report of a phase always go out; between them, a few a second.
          if (phase === lastPhase && done !== total && now - lastAt < PROGRESS_INTERVAL_MS) return;
          lastPhase = phase;
          lastAt = now;
          emit(sessionKey, { jobId, kind, phase, done, total });
        },
        throwIfCancelled(audit) {
          if (entry.cancelled) throw new AppError('CANCELLED', 'errors.jobs.cancelled', audit ? { audit } : {});
        },
        pastCancel() {
          entry.cancellable = false;
        },
        end() {
          if (jobId !== undefined && running.get(jobId) === entry) running.delete(jobId);
        },
      };
    },

    /** Asks the caller's job to stop; false when the caller's session runs no such job that can still stop. */
    cancel(ctx: CallContext, jobId: string): { cancelled: boolean } {
      const entry = running.get(jobId);
      if (!entry || entry.sessionKey !== ctx.session.key || !entry.cancellable) return { cancelled: false };
      entry.cancelled = true;
      return { cancelled: true };
    },

    /** For the adapters: every job's progress with the session it goes to. Returns an unsubscribe. */
    onProgress(listener: JobProgressListener): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export type Jobs = ReturnType<typeof createJobs>;

/** Lets other work (a cancel, another request) run between a job's batches. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
