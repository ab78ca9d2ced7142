// What the phone form holds and what it sends, checked with the contract's own schemas (the
// same ones the listener checks with), their problems kept as message keys so they read in
// whichever language is on screen. Pure: no React, no DOM.
import { DOCUMENT_SET_KINDS, phoneApi, type CollectSubmitInput, type DOCUMENT_KINDS, type DocumentSet } from '../../src-shared/contract/collect';
import type { Relationship } from '../../src-shared/contract/dependents';
import { date, myNumberInput } from '../../src-shared/contract/fields';
import { describeIssue, type IssueLike, type MessageRef } from '../../src-shared/messages';

export { MAX_SUBMITTED_DEPENDENTS } from '../../src-shared/contract/submissions';

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const [numberSubmission, declineSubmission] = phoneApi.submit.input.options;
/** One dependent of a submission, as the contract checks it. */
const dependentSchema = numberSubmission.shape.dependents.element;

export interface DependentDraft {
  /** The form's own id for the dependent: their documents name it as their subject. */
  tempId: string;
  relationship: Relationship | '';
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  taxDependent: boolean;
  category3: boolean;
  /** Digits only; empty when not given. */
  myNumber: string;
  documentSet: DocumentSet | null;
}

export type DependentField = Exclude<keyof DependentDraft, 'tempId'>;
export type Problems<K extends string> = Partial<Record<K, MessageRef>>;

/** Which photo of a subject ('self' or a dependent's tempId) was sent, by kind. */
export type DocumentIdOf = (subject: string, kind: DocumentKind) => string | undefined;

/** A random id the contract takes (A–Z, a–z, 0–9, _ and -). */
export function newTempId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `d${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function emptyDependent(): DependentDraft {
  return {
    tempId: newTempId(),
    relationship: '',
    familyName: '',
    givenName: '',
    familyNameKana: '',
    givenNameKana: '',
    birthDate: '',
    taxDependent: false,
    category3: false,
    myNumber: '',
    documentSet: null,
  };
}

const describeAs = (field: string, issue: IssueLike): MessageRef => describeIssue({ ...issue, path: [field] });

/** Each field's first problem, named by the last part of the issue's path. */
function problemsOf<K extends string>(issues: readonly IssueLike[]): Problems<K> {
  const problems: Problems<K> = {};
  for (const issue of issues) {
    const field = [...(issue.path ?? [])].reverse().find((p): p is string => typeof p === 'string') as K | undefined;
    if (field && !problems[field]) problems[field] = describeIssue(issue);
  }
  return problems;
}

/** Why a typed number will not do (not 12 digits, a check digit that does not match), or null. */
export function numberProblem(digits: string): MessageRef | null {
  if (digits === '') return { key: 'validation.required', params: { field: 'myNumber' } };
  const parsed = myNumberInput.safeParse(digits, { reportInput: true });
  return parsed.success ? null : describeAs('myNumber', parsed.error.issues[0]!);
}

/** As the number is typed: a problem only once all 12 digits are there (the check digit's). */
export function liveNumberProblem(digits: string): MessageRef | null {
  return digits.length === 12 ? numberProblem(digits) : null;
}

/** A date typed in 西暦 or 和暦, optional: its problem, or null (blank is fine). */
export function optionalDateProblem(field: string, typed: string): MessageRef | null {
  if (typed.trim() === '') return null;
  const parsed = date.safeParse(typed, { reportInput: true });
  return parsed.success ? null : describeAs(field, parsed.error.issues[0]!);
}

/** The date as the listener takes it (YYYY-MM-DD), or undefined when blank or unreadable. */
export function isoDate(typed: string): string | undefined {
  if (typed.trim() === '') return undefined;
  const parsed = date.safeParse(typed);
  return parsed.success ? parsed.data : undefined;
}

/** The kinds of the set with no photo sent yet. */
export function missingKinds(set: DocumentSet, subject: string, documentIdOf: DocumentIdOf): DocumentKind[] {
  return DOCUMENT_SET_KINDS[set].filter((kind) => !documentIdOf(subject, kind));
}

function dependentInput(draft: DependentDraft) {
  return {
    tempId: draft.tempId,
    relationship: draft.relationship === '' ? undefined : draft.relationship,
    familyName: draft.familyName,
    givenName: draft.givenName,
    familyNameKana: draft.familyNameKana,
    givenNameKana: draft.givenNameKana,
    birthDate: draft.birthDate,
    taxDependent: draft.taxDependent,
    // 第3号被保険者 is a spouse's only: a box ticked before the relationship changed is dropped.
    category3: draft.relationship === 'spouse' && draft.category3,
    ...(draft.myNumber !== '' ? { myNumber: draft.myNumber } : {}),
    ...(draft.documentSet ? { documentSet: draft.documentSet } : {}),
  };
}

/** A dependent's problems, field by field, by the contract's schema (the photos are checked with missingKinds). */
export function dependentProblems(draft: DependentDraft): Problems<DependentField> {
  const parsed = dependentSchema.safeParse(dependentInput(draft), { reportInput: true });
  const problems = parsed.success ? {} : problemsOf<DependentField>(parsed.error.issues);
  // None chosen yet reads as missing, not as a value the list does not hold.
  if (draft.relationship === '') problems.relationship = { key: 'validation.required', params: { field: 'relationship' } };
  return problems;
}

/**
 * A dependent as saved: as the contract reads it (names trimmed, readings in katakana, the
 * date as YYYY-MM-DD), so the list and the review show what will be sent. Call it only once
 * dependentProblems found nothing.
 */
export function savedDependent(draft: DependentDraft): DependentDraft {
  const read = dependentSchema.parse(dependentInput(draft));
  return {
    ...draft,
    familyName: read.familyName,
    givenName: read.givenName,
    familyNameKana: read.familyNameKana,
    givenNameKana: read.givenNameKana,
    birthDate: read.birthDate ?? '',
    category3: read.category3 ?? false,
  };
}

/**
 * What `submit` is sent: the number, the set, every photo of the chosen sets (the registrant's
 * and each dependent's: a photo names its subject itself), the dependents as the contract reads
 * them (each was checked with dependentProblems as it was saved).
 */
export function submissionInput(
  form: { myNumber: string; documentSet: DocumentSet; dependents: readonly DependentDraft[] },
  documentIdOf: DocumentIdOf,
): CollectSubmitInput {
  const ids = (subject: string, set: DocumentSet | null) =>
    set ? DOCUMENT_SET_KINDS[set].map((kind) => documentIdOf(subject, kind)).filter((id): id is string => id !== undefined) : [];
  return {
    myNumber: form.myNumber,
    documentSet: form.documentSet,
    documentIds: [...ids('self', form.documentSet), ...form.dependents.flatMap((d) => ids(d.tempId, d.documentSet))],
    dependents: form.dependents.map((d) => dependentSchema.parse(dependentInput(d))),
  };
}

/** The decline's reason: its problem (required, too long, holding a number), or null. */
export function declineProblem(reason: string): MessageRef | null {
  const parsed = declineSubmission.safeParse({ decline: { reason } }, { reportInput: true });
  return parsed.success ? null : describeAs('reason', parsed.error.issues[0]!);
}

export function declineInput(reason: string): CollectSubmitInput {
  return { decline: { reason: reason.trim() } };
}
