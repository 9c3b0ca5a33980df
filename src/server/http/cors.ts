import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../problem.js';

import { FETCH_HEADER, IDEMPOTENCY_HEADER } from '../../protocol/index.js';

/**
 * CORS for the widget: the request's Origin is echoed only when it is on the exact allowlist.
 * No credentials are ever allowed (the widget calls with `credentials: 'omit'`). Preflights from
 * other origins are refused outright. Paths under `except` get no CORS answer at all.
 */
export function cors(allowedOrigins: readonly string[], options: { except?: readonly string[] } = {}): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  const excluded = (path: string) => (options.except ?? []).some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  return async (c, next) => {
    if (excluded(c.req.path)) return next();
    const origin = c.req.header('Origin');
    const isAllowed = origin !== undefined && allowed.has(origin);
    if (c.req.method === 'OPTIONS') {
      c.header('Vary', 'Origin');
      if (!isAllowed || c.req.header('Access-Control-Request-Method') === undefined) {
        throw new ProblemError('origin-not-allowed', 'Preflight refused: origin not on the allowlist', {
          headers: { Vary: 'Origin' },
        });
      }
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Allow-Methods', 'GET, POST');
      c.header('Access-Control-Allow-Headers', `Content-Type, ${FETCH_HEADER}, ${IDEMPOTENCY_HEADER}`);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (isAllowed) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      c.res.headers.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After');
    }
  };
}
