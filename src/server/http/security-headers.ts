import type { MiddlewareHandler } from 'hono';

/** The relay's own pages load only the relay's scripts, are never framed and leak no referrer. */
export const RELAY_CSP = "default-src 'none'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers for every answer. `no-store` is the default because flow answers may carry personal
 * data; the few static resources set their own Cache-Control. No COOP: the hand-off page needs
 * `window.opener`.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', RELAY_CSP);
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  };
}
