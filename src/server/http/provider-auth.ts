import type { MiddlewareHandler } from 'hono';
import type { ClientConfig } from '../config.js';
import { ProblemError } from '../problem.js';
import type { ClientAuthenticator } from '../sessions/api-keys.js';
import type { RelayEnv } from './env.js';

export type ProviderEnv = RelayEnv & { Variables: { client: ClientConfig } };

/**
 * The provider routes (sessions, webhooks) are server to server: a Bearer API key names the
 * client; a request carrying `Origin` comes from a browser, where a key never belongs, and is
 * refused. Nothing here is cacheable: answers name a person's application.
 */
export function providerAuth(authenticate: ClientAuthenticator): MiddlewareHandler<ProviderEnv> {
  return async (c, next) => {
    // Browsers send Origin on cross-site calls and Sec-Fetch-Site on every request; servers send neither.
    if (c.req.header('Origin') !== undefined || c.req.header('Sec-Fetch-Site') !== undefined) {
      throw new ProblemError('browser-request-refused', 'Provider routes are called from your backend: a request with an Origin header is refused (an API key never belongs in a browser)');
    }
    c.set('client', authenticate(c.req.header('Authorization')));
    await next();
    c.header('Cache-Control', 'no-store');
  };
}
