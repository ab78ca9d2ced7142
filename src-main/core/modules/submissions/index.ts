// The submissions module: submissions awaiting review, HR proxy entry (代理入力), the review.
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { DependentsService } from '../dependents';
import type { DocumentStore } from '../documents';
import type { MyNumbersService } from '../mynumbers';
import type { RegistrantsService } from '../registrants';
import type { StatusService } from '../status';
import { createCrossCheckRunner, type CrossChecker } from './cross-check-runner';
import { submissionsHandlers } from './handlers';
import { createSubmissionRepository } from './repository';
import { createSubmissionsService, type SubmissionsDeps } from './service';

export function createSubmissionsModule(deps: {
  db: Db;
  fields: FieldCrypto;
  registrants: RegistrantsService;
  dependents: DependentsService;
  myNumbers: MyNumbersService;
  status: StatusService;
  documentStore: DocumentStore;
  /** Reads the number from a submission's ID photos (modules/crosscheck). */
  crossChecker: CrossChecker;
  commit<T>(fn: () => T): T;
  log(line: string): void;
  /** When the cross-check may run (after a burst of phone uploads). */
  crossCheckWhenIdle?: () => Promise<void>;
  onReturned?: SubmissionsDeps['onReturned'];
}) {
  const repository = createSubmissionRepository(deps.db, deps.fields);
  const submissions = createSubmissionsService({ ...deps, documents: deps.documentStore, repository });
  const crossChecks = createCrossCheckRunner({ repository, documents: deps.documentStore, checker: deps.crossChecker, commit: deps.commit, log: deps.log, ...(deps.crossCheckWhenIdle ? { whenIdle: deps.crossCheckWhenIdle } : {}) });
  return { services: { submissions, crossChecks }, handlers: submissionsHandlers(submissions) };
}

export type { CrossChecker, CrossCheckRunner } from './cross-check-runner';

export type { FormSubmission, SubmissionsService } from './service';
