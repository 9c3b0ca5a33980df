import { Hono } from 'hono';
import { z } from 'zod';
import { formatJapanTime } from '../../domain/schedule/index.js';
import type { RelayClock } from '../clock.js';
import type { RelayEnv } from '../http/env.js';
import { mutationGuard } from '../http/mutation-guard.js';
import { limitBody, parseInput, readJsonBody } from '../http/validate.js';

const clockBodySchema = z.union([
  z.strictObject({ at: z.iso.datetime({ offset: true, message: 'expected an ISO 8601 instant with an offset or Z' }) }),
  z.strictObject({ reset: z.literal(true) }),
]);

/**
 * Development only (RELAY_DEV_ROUTES=1): `GET|POST /v1/dev/clock` reads or moves the relay's
 * clock, so a demo can show the hours outside the operating window and the mail going out.
 */
export function devRoutes(allowedOrigins: readonly string[], clock: RelayClock): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  const answer = () => {
    const now = clock.now();
    return { now: formatJapanTime(now), offsetMs: now - Date.now() };
  };
  routes.use('/clock', async (c, next) => {
    if (c.req.method === 'GET') return next();
    return mutationGuard(allowedOrigins)(c, next);
  });
  routes.use('/clock', limitBody());
  routes.get('/clock', (c) => c.json(answer()));
  routes.post('/clock', async (c) => {
    const body = parseInput(clockBodySchema, await readJsonBody(c));
    if ('reset' in body) clock.reset();
    else clock.set(Date.parse(body.at));
    c.get('log')('info', 'relay clock set', { now: formatJapanTime(clock.now()) });
    return c.json(answer());
  });
  return routes;
}
