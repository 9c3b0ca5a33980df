import { Hono } from 'hono';
import { fallbackRegistered } from '../../protocol/index.js';
import { answer } from '../http/answer.js';
import type { FallbackContext } from '../fallback/context.js';
import { readIdempotencyKey } from '../idempotency.js';
import { parseFallbackRequest, registerFallback } from '../fallback/register.js';
import { IDEMPOTENCY_HEADER } from '../../protocol/index.js';
import type { RelayEnv } from '../http/env.js';
import { mutationGuard } from '../http/mutation-guard.js';
import { clientKey, rateLimit } from '../http/rate-limit.js';
import { limitBody, readJsonBody } from '../http/validate.js';

/** `POST /v1/fallback`: the email form of guideline figure 6-2 ("登録"). */
export function fallbackRoutes(context: FallbackContext): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  routes.use('/', mutationGuard(context.allowedOrigins), rateLimit(context.fallbackRateLimit, clientKey(context.trustProxyHops)), limitBody());
  routes.post('/', async (c) => {
    const idempotencyKey = readIdempotencyKey(c.req.header(IDEMPOTENCY_HEADER));
    const input = parseFallbackRequest(await readJsonBody(c));
    const registered = await registerFallback(context, input, c.req.header('Origin') ?? '', idempotencyKey);
    c.get('log')('info', 'fallback registered', { registrationId: registered.registrationId });
    return answer(c, fallbackRegistered, registered, 202);
  });
  return routes;
}
