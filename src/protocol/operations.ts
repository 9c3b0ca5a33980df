import * as z from 'zod/mini';
import { instant } from './common.js';

/** `GET /healthz` */
export const healthAnswer = z.object({ status: z.literal('ok') });

/** `GET /.well-known/jwks.json`: public keys only (no `d`). */
export const jwksAnswer = z.object({
  keys: z.array(z.looseObject({ kty: z.string(), kid: z.string(), alg: z.optional(z.string()), d: z.optional(z.never()) })),
});

/** Development only: `POST /v1/dev/clock` moves the relay's clock, or resets it. */
export const devClockRequest = z.union([z.strictObject({ at: instant }), z.strictObject({ reset: z.literal(true) })]);
export const devClockAnswer = z.object({ now: z.string(), offsetMs: z.number() });
