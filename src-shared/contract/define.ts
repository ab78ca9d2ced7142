// What the contract declares per channel: the input and output schemas. Who may call and
// whether re-auth is needed live in the access table (src-shared/access.ts).
import type { z } from './zod';

export interface ChannelSchemas<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(schemas: ChannelSchemas<I, O>): ChannelSchemas<I, O> {
  return schemas;
}
