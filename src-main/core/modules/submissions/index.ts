// The submissions module: submissions awaiting review, HR proxy entry (代理入力), the review.
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { DependentsService } from '../dependents';
import type { DocumentStore } from '../documents';
import type { MyNumbersService } from '../mynumbers';
import type { RegistrantsService } from '../registrants';
import type { StatusService } from '../status';
import { submissionsHandlers } from './handlers';
import { createSubmissionRepository } from './repository';
import { createSubmissionsService } from './service';

export function createSubmissionsModule(deps: {
  db: Db;
  fields: FieldCrypto;
  registrants: RegistrantsService;
  dependents: DependentsService;
  myNumbers: MyNumbersService;
  status: StatusService;
  documentStore: DocumentStore;
}) {
  const submissions = createSubmissionsService({ ...deps, documents: deps.documentStore, repository: createSubmissionRepository(deps.db, deps.fields) });
  return { services: { submissions }, handlers: submissionsHandlers(submissions) };
}

export type { FormSubmission, SubmissionsService } from './service';
