// The submissions module: submissions awaiting review, HR proxy entry (代理入力), the review.
import type { Db } from '../../platform/db/open';
import type { FieldCrypto } from '../../platform/crypto/field';
import type { DependentsService } from '../dependents';
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
}) {
  const submissions = createSubmissionsService({ ...deps, repository: createSubmissionRepository(deps.db, deps.fields) });
  return { services: { submissions }, handlers: submissionsHandlers(submissions) };
}

export type { SubmissionsService } from './service';
