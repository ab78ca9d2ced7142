// Forms check what they send with the contract's own field schemas: the rule the core
// applies is the rule the form shows, in the UI's language (each issue becomes a message key,
// src-shared/messages, read through zod's error map set up in i18n/).
import { zod4Resolver } from 'mantine-form-zod-resolver';
import type { ReactNode } from 'react';
import type { z } from 'zod';

type Errors = Record<string, ReactNode>;

/**
 * A Mantine form `validate` from a contract schema: the first problem of each field, then
 * the form's own rules (a confirmation field, say) for fields the schema left alone.
 */
export function contractResolver<V extends Record<string, unknown>>(schema: z.ZodType, ...extra: ((values: V) => Errors)[]) {
  const resolve = zod4Resolver(schema, { errorPriority: 'first' }) as (values: V) => Errors;
  return (values: V): Errors => {
    const errors: Errors = { ...resolve(values) };
    for (const rule of extra) {
      for (const [path, message] of Object.entries(rule(values))) if (message && !errors[path]) errors[path] = message;
    }
    return errors;
  };
}
