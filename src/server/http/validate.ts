import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { config, locales, safeParse, type core } from 'zod/mini';
import type { ProblemCode } from '../../protocol/index.js';
import { ProblemError } from '../problem.js';
import { problemResponse } from './errors.js';

// Problem details and configuration errors read in English (zod/mini loads no locale by itself).
config(locales.en());

export const MAX_BODY_BYTES = 16 * 1024;

/** Stops reading a body past the cap, whether or not Content-Length was declared. */
export function limitBody(): MiddlewareHandler {
  return bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => problemResponse(c, new ProblemError('body-too-large', `Body larger than ${MAX_BODY_BYTES} bytes`)),
  });
}

/**
 * The route edge: parses `value` with a protocol schema (src/protocol); the first issue becomes a
 * 400 problem naming its field, so domain functions only ever see valid, typed input.
 */
export function parseInput<S extends core.$ZodType>(schema: S, value: unknown, code: ProblemCode = 'invalid-input'): core.output<S> {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String) ?? [];
  // Unknown keys are reported at the object, so name the first offending key instead.
  const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];
  const field = [...path, ...keys.slice(0, 1)].join('.');
  throw new ProblemError(code, issue?.message ?? 'Invalid input', field === '' ? {} : { field });
}

/** The JSON body (size-capped by `limitBody`); malformed JSON is a 400, not a 500. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProblemError('invalid-json', 'Body is not valid JSON');
  }
}
