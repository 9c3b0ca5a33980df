import { Hono } from 'hono';
import { createClock, type RelayClock } from './clock.js';
import type { RelayConfig } from './config.js';
import type { FallbackContext } from './fallback/context.js';
import type { FlowContext } from './flows/context.js';
import { cors } from './http/cors.js';
import type { RelayEnv } from './http/env.js';
import { onError, onNotFound } from './http/errors.js';
import { requestContext } from './http/request-context.js';
import { securityHeaders } from './http/security-headers.js';
import type { RelayKeys } from './keys.js';
import { jsonLogger, type Logger } from './log.js';
import { createPortalClient, type PortalClient } from './portal/client.js';
import { availabilityRoutes } from './routes/availability.js';
import { devRoutes } from './routes/dev.js';
import { disclosureRoutes } from './routes/disclosure.js';
import { fallbackRoutes } from './routes/fallback.js';
import { flowRoutes } from './routes/flows.js';
import { publicRoutes } from './routes/public.js';
import { resumeRoutes } from './routes/resume.js';
import { createSealer } from './seal.js';
import type { FlowStore, RegistrationStore } from './store/types.js';

/** The resources the app runs on; tests replace any of them. */
export interface RelayDeps {
  keys: RelayKeys;
  store: FlowStore;
  /** Email-fallback registrations (the SQLite store implements both). */
  registrations: RegistrationStore;
  /** The relay's clock; default: `now` (or real time) started at RELAY_CLOCK. */
  clock?: RelayClock;
  /** Default: the oauth4webapi client for PORTAL_ISSUER. */
  portal?: PortalClient;
  /** Replaces global fetch for portal calls (tests intercept with it). */
  fetch?: typeof fetch;
  log?: Logger;
  /** Base time the clock runs on (tests move it); ignored when `clock` is given. */
  now?: () => number;
}

/** The deps' clock, or one built from `now` and RELAY_CLOCK. */
export function relayClock(config: RelayConfig, deps: Pick<RelayDeps, 'clock' | 'now'>): RelayClock {
  return deps.clock ?? createClock(deps.now ?? Date.now, config.clockStart);
}

/** What the fallback routes and the mail worker share. */
export function createFallbackContext(config: RelayConfig, deps: RelayDeps, clock: RelayClock): FallbackContext {
  return {
    config,
    flows: deps.store,
    registrations: deps.registrations,
    sealer: createSealer(deps.keys.encryption),
    signing: deps.keys.signing,
    now: clock.now,
    realNow: Date.now,
  };
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
  const clock = relayClock(config, deps);
  const context: FlowContext = {
    config,
    store: deps.store,
    sealer: createSealer(deps.keys.encryption),
    portal,
    now: clock.now,
  };
  const fallback = createFallbackContext(config, deps, clock);

  const app = new Hono<RelayEnv>();
  app.use(requestContext(deps.log ?? jsonLogger()));
  app.use(securityHeaders());
  app.use(cors(config.allowedOrigins));
  app.route('/', publicRoutes(deps.keys));
  app.route('/v1/disclosure', disclosureRoutes(config, context.now));
  app.route('/v1/availability', availabilityRoutes(config, clock.now));
  app.route('/v1/flows', flowRoutes(context));
  app.route('/v1/fallback', fallbackRoutes(fallback));
  app.route('/v1/resume', resumeRoutes(fallback));
  if (config.devRoutes) app.route('/v1/dev', devRoutes(config, clock));
  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}
