// The kernel's job registry: progress goes out with the session that started the job, a jobId
// runs once at a time, only the job's own session may cancel it and only until it is past the
// point where it can stop, and a job without a jobId is heard by nobody.
import { describe, expect, it, vi } from 'vitest';
import type { CallContext } from '../../src-main/core/kernel/context';
import { createJobs } from '../../src-main/core/kernel/jobs';

const ctxOf = (key: string) => ({ session: { key } }) as unknown as CallContext;
const JOB = '3f1b0a52-9a7e-4c1d-8b2a-7d5e6f8a9b0c';

describe('jobs', () => {
  it("reports each job's progress with its own session's key", () => {
    const jobs = createJobs();
    const heard = vi.fn();
    jobs.onProgress(heard);
    const job = jobs.start(ctxOf('session-a'), JOB, 'csv.import');
    job.progress('validate', 0, 10);
    job.progress('validate', 10, 10);
    expect(heard.mock.calls).toEqual([
      ['session-a', { jobId: JOB, kind: 'csv.import', phase: 'validate', done: 0, total: 10 }],
      ['session-a', { jobId: JOB, kind: 'csv.import', phase: 'validate', done: 10, total: 10 }],
    ]);
    job.end();
  });

  it('refuses a jobId already running, and frees it when the job ends', () => {
    const jobs = createJobs();
    const job = jobs.start(ctxOf('a'), JOB, 'csv.import');
    expect(() => jobs.start(ctxOf('b'), JOB, 'csv.import')).toThrow(expect.objectContaining({ code: 'CONFLICT', messageKey: 'errors.jobs.duplicate' }));
    job.end();
    expect(() => jobs.start(ctxOf('b'), JOB, 'csv.import').end()).not.toThrow();
  });

  it('is cancelled only by its own session, and not once it is past cancelling', () => {
    const jobs = createJobs();
    const job = jobs.start(ctxOf('a'), JOB, 'csv.import');
    expect(jobs.cancel(ctxOf('b'), JOB)).toEqual({ cancelled: false });
    expect(() => job.throwIfCancelled()).not.toThrow();
    job.pastCancel();
    expect(jobs.cancel(ctxOf('a'), JOB)).toEqual({ cancelled: false });
    job.end();
    const second = jobs.start(ctxOf('a'), JOB, 'csv.import');
    expect(jobs.cancel(ctxOf('a'), JOB)).toEqual({ cancelled: true });
    expect(() => second.throwIfCancelled()).toThrow(expect.objectContaining({ code: 'CANCELLED', messageKey: 'errors.jobs.cancelled' }));
    second.end();
    expect(jobs.cancel(ctxOf('a'), JOB)).toEqual({ cancelled: false });
  });

  it('keeps a job without a jobId to itself', () => {
    const jobs = createJobs();
    const heard = vi.fn();
    jobs.onProgress(heard);
    const job = jobs.start(ctxOf('a'), undefined, 'csv.import');
    job.progress('write', 1, 1);
    expect(heard).not.toHaveBeenCalled();
    job.end();
  });
});
