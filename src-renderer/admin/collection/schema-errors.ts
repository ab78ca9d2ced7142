// For forms whose fields are not the channel's input as such (a port typed as text, ranges
// one per line): the input is built from the values and checked with the channel's own
// schema; each issue lands on the field of its first path segment, in the UI's language
// (zod's error map, set up in i18n/).
import type { z } from 'zod';

export function schemaErrors(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  const errors: Record<string, string> = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}
