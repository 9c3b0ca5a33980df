import * as z from 'zod/mini';

/** A bad argument is the caller's bug: thrown before any request, as a TypeError naming the members. */
export function checkedInput<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new TypeError(`Invalid ${what}:\n${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  return parsed.data;
}
