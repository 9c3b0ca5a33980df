import { Hono } from 'hono';
import { answer } from '../http/answer.js';
import { devClockAnswer, devClockRequest } from '../../protocol/index.js';
import { formatJapanTime } from '../../domain/schedule/index.js';
import type { RelayClock } from '../clock.js';
import type { RelayEnv } from '../http/env.js';
import { mutationGuard } from '../http/mutation-guard.js';
import { limitBody, parseInput, readJsonBody } from '../http/validate.js';

/**
 * Development only (RELAY_DEV_ROUTES=1): `GET|POST /v1/dev/clock` reads or moves the relay's
 * clock, so a demo can show the hours outside the operating window and the mail going out.
 */
export function devRoutes(allowedOrigins: readonly string[], clock: RelayClock): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  const clockNow = () => {
    const now = clock.now();
    return { now: formatJapanTime(now), offsetMs: now - Date.now() };
  };
  routes.use('/clock', async (c, next) => {
    if (c.req.method === 'GET') return next();
    return mutationGuard(allowedOrigins)(c, next);
  });
  routes.use('/clock', limitBody());
  routes.get('/clock', (c) => answer(c, devClockAnswer, clockNow()));
  routes.post('/clock', async (c) => {
    const body = parseInput(devClockRequest, await readJsonBody(c));
    if ('reset' in body) clock.reset();
    else clock.set(Date.parse(body.at));
    c.get('log')('info', 'relay clock set', { now: formatJapanTime(clock.now()) });
    return answer(c, devClockAnswer, clockNow());
  });
  return routes;
}
