// Runs the cross-check of a phone submission once it is stored: for the registrant and each
// dependent with a number and documents, the number read from their ID photos (the card's QR
// code, or the printed digits) is compared with the one typed, and only the verdict is kept
// (一致 / 不一致 / 読み取れず). It runs after the submission's transaction, one at a time, off
// the request: the phone's answer never waits for it, and a failure leaves the verdict empty
// (the review shows "checking") rather than refusing anything. While phones are uploading it
// waits (`whenIdle`): OCR competes for the same CPUs as the uploads' image processing, and the
// verdict can come a minute later. On start, submissions still waiting without a verdict (the
// app closed meanwhile) are checked again.
import type { CrossCheckVerdict } from '../../../../src-shared/contract/crosscheck';
import type { DocumentKind, DocumentStore } from '../documents';
import type { SubmissionRepository } from './repository';

export interface CrossCheckImage {
  kind: DocumentKind;
  image: Buffer;
}

/** What reads the photos (modules/crosscheck); only its verdict comes out. */
export interface CrossChecker {
  verdict(images: readonly CrossCheckImage[], typedNumber: string): Promise<CrossCheckVerdict>;
  close(): Promise<void>;
}

export interface CrossCheckRunnerDeps {
  repository: SubmissionRepository;
  documents: DocumentStore;
  checker: CrossChecker;
  commit<T>(fn: () => T): T;
  log(line: string): void;
  /** Resolves when the machine is free for a check (no phone uploads for a while); default: at once. */
  whenIdle?: () => Promise<void>;
}

export function createCrossCheckRunner({ repository, documents, checker, commit, log, whenIdle }: CrossCheckRunnerDeps) {
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  async function check(submissionId: string): Promise<void> {
    if (whenIdle) await whenIdle();
    if (closed) return;
    const submission = repository.findById(submissionId);
    if (!submission || submission.status !== 'pending' || submission.source !== 'registrant') return;
    const numbers = repository.openNumbers(submissionId);
    const docs = documents.listForSubmission(submissionId);
    const imagesOf = (subject: string) => docs.filter((d) => d.subject === subject).map((d) => ({ kind: d.kind, image: documents.open(d.id)! }));
    const verdicts: { slot: 'self' | number; verdict: CrossCheckVerdict }[] = [];
    if (numbers.self && submission.crossCheck === null) verdicts.push({ slot: 'self', verdict: await checker.verdict(imagesOf('self'), numbers.self) });
    for (const d of submission.dependents) {
      const typed = numbers.dependents.get(d.position);
      if (!typed || !d.tempId || !d.documentSet || d.crossCheck !== null) continue;
      verdicts.push({ slot: d.position, verdict: await checker.verdict(imagesOf(d.tempId), typed) });
    }
    if (verdicts.length === 0) return;
    commit(() => {
      // Decided meanwhile: its numbers are gone, and the verdict no longer matters.
      if (repository.findById(submissionId)?.status !== 'pending') return;
      for (const v of verdicts) repository.setCrossCheck(submissionId, v.slot, v.verdict);
    });
  }

  return {
    /** Queues the cross-check of a stored submission; returns at once. */
    schedule(submissionId: string): void {
      if (closed) return;
      chain = chain.then(() =>
        check(submissionId).catch((err: unknown) => {
          // The name only: neither the image nor the number goes into a log.
          log(`cross-check failed: ${err instanceof Error ? err.name : 'Error'}`);
        }),
      );
    },
    /** Queues every phone submission still waiting without a verdict. */
    resume(): void {
      for (const id of repository.pendingWithoutCrossCheck()) this.schedule(id);
    },
    /** Resolves once everything queued so far has been checked (tests, shutdown). */
    idle: () => chain,
    async close(): Promise<void> {
      closed = true;
      await chain;
      await checker.close();
    },
  };
}

export type CrossCheckRunner = ReturnType<typeof createCrossCheckRunner>;
