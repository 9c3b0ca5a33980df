import type { MiddlewareHandler } from 'hono';
import { ProblemError } from '../problem.js';
import { FETCH_HEADER } from '../../protocol/index.js';

/**
 * Mutating routes take only what a browser cannot send without a CORS preflight: POST with
 * `Content-Type: application/json` and `X-Myna-Fetch: 1`, from an allowlisted Origin. A plain
 * form post, a `text/plain` beacon or another site's page gets 403.
 */
export function mutationGuard(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  return async (c, next) => {
    if (c.req.method !== 'POST') {
      throw new ProblemError('method-not-allowed', 'Only POST is accepted here', { headers: { Allow: 'POST' } });
    }
    const origin = c.req.header('Origin');
    if (origin === undefined || !allowed.has(origin)) {
      throw new ProblemError('origin-not-allowed', 'Origin missing or not on the allowlist');
    }
    if (!isJson(c.req.header('Content-Type'))) {
      throw new ProblemError('content-type-not-allowed', 'Content-Type must be application/json');
    }
    if (c.req.header(FETCH_HEADER) !== '1') {
      throw new ProblemError('fetch-header-missing', `Header ${FETCH_HEADER}: 1 is required`);
    }
    await next();
  };
}

function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  return mediaType === 'application/json' && parameters.every((parameter) => parameter === '' || parameter === 'charset=utf-8');
}
