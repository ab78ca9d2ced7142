// Turning a message key and its parameters into text in either language, and a schema issue
// (zod's, or any of that shape) into a message key. Used by the core (Japanese text beside the
// key in every error), by the renderer's forms and by its display of the core's errors.
import { en } from './en';
import { ja, type MessageCatalogue } from './ja';

export type MessageLanguage = 'ja' | 'en';
export type MessageParams = Record<string, string | number>;

/** A message as data: what the core sends beside its Japanese text, and what a form shows. */
export interface MessageRef {
  key: string;
  params?: MessageParams;
}

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Keys of the errors the core returns (errors.*). */
export type ErrorKey = Leaves<MessageCatalogue['errors'], 'errors.'>;

const CATALOGUES: Record<MessageLanguage, MessageCatalogue> = { ja, en };

function lookup(tree: unknown, dotted: string): string | undefined {
  let node = tree;
  for (const part of dotted.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function hasMessage(key: string): boolean {
  return lookup(ja, key) !== undefined;
}

/** The text of a message; undefined when the key is unknown (a newer core, say). */
export function tryFormatMessage(language: MessageLanguage, key: string, params: MessageParams = {}): string | undefined {
  const catalogue = CATALOGUES[language];
  const template = lookup(catalogue, key);
  if (template === undefined) return undefined;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return '';
    // A field is named by its code and read in the message's language.
    if (name === 'field') return lookup(catalogue.fields, String(value)) ?? String(value);
    return String(value);
  });
}

export function formatMessage(language: MessageLanguage, key: string, params: MessageParams = {}): string {
  return tryFormatMessage(language, key, params) ?? tryFormatMessage(language, 'errors.invalidInput')!;
}

/** The parts of a schema issue that decide its message (zod 4's issue has them all). */
export interface IssueLike {
  code: string;
  path?: readonly PropertyKey[];
  input?: unknown;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  params?: Record<string, unknown>;
}

type Rule = keyof Omit<MessageCatalogue['validation'], 'byField'>;

function ruleOf(issue: IssueLike): Rule {
  const numeric = issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint';
  const list = issue.origin === 'array' || issue.origin === 'set';
  switch (issue.code) {
    case 'invalid_type':
      // `input` is there when the parse reports it (the core asks for it; forms always have it).
      return !('input' in issue) || issue.input === undefined ? 'required' : 'invalid';
    case 'too_small':
      if (list) return 'minItems';
      if (numeric) return 'outOfRange';
      // Nothing typed at all reads as missing, whatever the least length.
      return Number(issue.minimum ?? 0) <= 1 || (typeof issue.input === 'string' && issue.input.trim() === '') ? 'required' : 'tooShort';
    case 'too_big':
      return list ? 'tooMany' : numeric ? 'outOfRange' : 'tooLong';
    case 'invalid_format':
      return issue.format === 'email' ? 'email' : 'format';
    case 'unrecognized_keys':
      return 'unknownField';
    case 'custom': {
      const rule = issue.params?.rule;
      return typeof rule === 'string' && rule in ja.validation && rule !== 'byField' ? (rule as Rule) : 'invalid';
    }
    default:
      return 'invalid';
  }
}

/** The message key (and parameters) for one issue, the field named by the last part of its path. */
export function describeIssue(issue: IssueLike): MessageRef {
  const field = [...(issue.path ?? [])].reverse().find((p): p is string => typeof p === 'string');
  const rule = ruleOf(issue);
  // Nothing to name (the whole input is of the wrong kind): a sentence without a field.
  if (!field && rule !== 'unknownField') return { key: 'errors.invalidInput' };
  if (!field) return { key: `validation.${rule}` };
  const params: MessageParams = {};
  params.field = field;
  if (issue.minimum !== undefined) params.minimum = Number(issue.minimum);
  if (issue.maximum !== undefined) params.maximum = Number(issue.maximum);
  const specific = `validation.byField.${field}.${rule}`;
  return { key: hasMessage(specific) ? specific : `validation.${rule}`, params };
}

/** A refine() whose failure reads as validation.<rule>: `.refine(fn, customRule('katakana'))`. */
export function customRule(rule: Rule): { params: { rule: Rule } } {
  return { params: { rule } };
}

export { en, ja };
export type { MessageCatalogue };
