import { Hono } from 'hono';
import type { RelayConfig } from './config.js';
import type { FlowContext } from './flows/context.js';
import { cors } from './http/cors.js';
import type { RelayEnv } from './http/env.js';
import { onError, onNotFound } from './http/errors.js';
import { requestContext } from './http/request-context.js';
import { securityHeaders } from './http/security-headers.js';
import type { RelayKeys } from './keys.js';
import { jsonLogger, type Logger } from './log.js';
import { createPortalClient, type PortalClient } from './portal/client.js';
import { disclosureRoutes } from './routes/disclosure.js';
import { flowRoutes } from './routes/flows.js';
import { publicRoutes } from './routes/public.js';
import { createSealer } from './seal.js';
import type { FlowStore } from './store/types.js';

/** The resources the app runs on; tests replace any of them. */
export interface RelayDeps {
  keys: RelayKeys;
  store: FlowStore;
  /** Default: the oauth4webapi client for PORTAL_ISSUER. */
  portal?: PortalClient;
  /** Replaces global fetch for portal calls (tests intercept with it). */
  fetch?: typeof fetch;
  log?: Logger;
  now?: () => number;
}

export const CALLBACK_PATH = '/v1/flows/callback';

/** The relay as a Hono app, a pure function of its config and resources (`app.request()` in tests). */
export function createRelayApp(config: RelayConfig, deps: RelayDeps): Hono<RelayEnv> {
  const portal =
    deps.portal ??
    createPortalClient({
      issuer: config.portalIssuer,
      clientId: config.portalClientId,
      redirectUri: `${config.publicUrl}${CALLBACK_PATH}`,
      signing: deps.keys.signing,
      ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
    });
  const context: FlowContext = {
    config,
    store: deps.store,
    sealer: createSealer(deps.keys.encryption),
    portal,
    now: deps.now ?? Date.now,
  };

  const app = new Hono<RelayEnv>();
  app.use(requestContext(deps.log ?? jsonLogger()));
  app.use(securityHeaders());
  app.use(cors(config.allowedOrigins));
  app.route('/', publicRoutes(deps.keys));
  app.route('/v1/disclosure', disclosureRoutes(config, context.now));
  app.route('/v1/flows', flowRoutes(context));
  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}
