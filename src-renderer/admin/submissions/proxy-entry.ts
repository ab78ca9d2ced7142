// What the proxy-entry form (代理入力) holds and how it becomes one submissions.createProxy
// input: the registrant's own number, numbers for dependents on record (sent with their
// stored fields, as the contract wants a dependent whole), and new dependents. The form is
// checked by the contract's own schema on the input it would send; the schema's issue paths
// (dependents.<n>.<field>) are mapped back to the fields that were typed.
import { contract, type ChannelInput, type DependentRow, type Relationship } from '../../../src-shared/contract';

export type ProxyInput = ChannelInput<'submissions.createProxy'>;

export interface ExistingValues {
  dependentId: string;
  myNumber: string;
}

export interface AddedValues {
  /** A React key only; never sent. */
  key: string;
  relationship: Relationship | null;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  birthDate: string;
  taxDependent: boolean;
  category3: boolean;
  myNumber: string;
}

export interface ProxyValues {
  myNumber: string;
  existing: ExistingValues[];
  added: AddedValues[];
}

const proxySchema = contract['submissions.createProxy'].input;

let addedKeys = 0;

export function newAdded(): AddedValues {
  addedKeys += 1;
  return {
    key: `added-${addedKeys}`,
    relationship: null,
    familyName: '',
    givenName: '',
    familyNameKana: '',
    givenNameKana: '',
    birthDate: '',
    taxDependent: false,
    category3: false,
    myNumber: '',
  };
}

export function initialValues(dependents: readonly DependentRow[]): ProxyValues {
  return { myNumber: '', existing: dependents.map((d) => ({ dependentId: d.id, myNumber: '' })), added: [] };
}

/** Where each entry of the input's `dependents` came from: an existing row's index, or an added one's. */
type Origin = { kind: 'existing' | 'added'; index: number };

function build(values: ProxyValues, dependents: readonly DependentRow[]): { input: Record<string, unknown>; origins: Origin[] } {
  const origins: Origin[] = [];
  const entries: Record<string, unknown>[] = [];
  values.existing.forEach((entry, index) => {
    if (entry.myNumber.trim() === '') return;
    const row = dependents.find((d) => d.id === entry.dependentId);
    if (!row) return;
    origins.push({ kind: 'existing', index });
    entries.push({
      dependentId: row.id,
      relationship: row.relationship,
      familyName: row.familyName,
      givenName: row.givenName,
      familyNameKana: row.familyNameKana,
      givenNameKana: row.givenNameKana,
      birthDate: row.birthDate ?? undefined,
      taxDependent: row.taxDependent,
      category3: row.category3,
      myNumber: entry.myNumber,
    });
  });
  values.added.forEach((entry, index) => {
    origins.push({ kind: 'added', index });
    const { key: _key, relationship, ...fields } = entry;
    entries.push({ ...fields, relationship: relationship ?? undefined });
  });
  const input: Record<string, unknown> = { registrantId: '', myNumber: values.myNumber };
  if (entries.length > 0) input.dependents = entries;
  return { input, origins };
}

/** The schema's first message per field path (plain strings, so this file needs no React types). */
function resolve(values: Record<string, unknown>): Record<string, string> {
  const parsed = proxySchema.safeParse(values);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.join('.')] ??= issue.message;
  return errors;
}

/**
 * The form's errors by field path (myNumber, existing.<i>.myNumber, added.<i>.<field>), from
 * the contract's schema; `ownNumberRequired` is the message for a registrant with no number
 * held yet and none typed (the core's rule, errors.submissions.registrantNumberRequired).
 */
export function validateProxy(values: ProxyValues, dependents: readonly DependentRow[], ownHeld: boolean, ownNumberRequired: string): Record<string, string> {
  const { input, origins } = build(values, dependents);
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(resolve({ ...input, registrantId: 'x' }))) {
    const match = /^dependents\.(\d+)\.(\w+)/.exec(path);
    if (!match) {
      // The whole list (too many dependents) reads on the first added one's relationship.
      if (path === 'dependents') errors[values.added.length > 0 ? 'added.0.relationship' : 'myNumber'] ??= message;
      else errors[path] ??= message;
      continue;
    }
    const origin = origins[Number(match[1])];
    if (!origin) continue;
    const key = origin.kind === 'existing' ? `existing.${origin.index}.myNumber` : `added.${origin.index}.${match[2]}`;
    errors[key] ??= message;
  }
  if (!ownHeld && values.myNumber.trim() === '') errors.myNumber = ownNumberRequired;
  return errors;
}

/** The input to send, normalised by the contract (digits only, readings in katakana). */
export function proxyInput(registrantId: string, values: ProxyValues, dependents: readonly DependentRow[]): ProxyInput {
  const { input } = build(values, dependents);
  return proxySchema.parse({ ...input, registrantId }) as ProxyInput;
}
