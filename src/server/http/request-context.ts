import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../log.js';
import type { RelayEnv } from './env.js';

/**
 * Gives every request an id (echoed as `X-Request-Id`) and a logger carrying it, then logs one
 * line per request with the route pattern — never the URL, whose query may hold a code or state.
 */
export function requestContext(log: Logger): MiddlewareHandler<RelayEnv> {
  return async (c, next) => {
    const requestId = randomUUID();
    const started = performance.now();
    c.set('requestId', requestId);
    c.set('log', (level, message, fields) => log(level, message, { requestId, ...fields }));
    await next();
    c.header('X-Request-Id', requestId);
    log(c.res.status >= 500 ? 'error' : 'info', 'request', {
      requestId,
      method: c.req.method,
      route: routePath(c, -1),
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
    });
  };
}
