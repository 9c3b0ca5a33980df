import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { core } from 'zod/mini';

/**
 * Every JSON answer of a route goes through here, named by its protocol schema: `body` must be
 * of that schema's type, so a route cannot answer a shape src/protocol does not name (checked by
 * the compiler; test/node/protocol/contract.test.ts parses every route's answer at run time).
 */
export function answer<S extends core.$ZodType>(c: Context, schema: S, body: core.output<S>, status: ContentfulStatusCode = 200): Response {
  return c.json(body as object, status);
}
