import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createClock, type RelayClock } from './clock.js';
import { isLoopbackUrl, type RelayConfig } from './config.js';
import { FALLBACK_SETTINGS, type FallbackContext } from './fallback/context.js';
import { createSmtpMailer, type Mailer } from './fallback/mailer.js';
import { startMailWorker, type MailWorker } from './fallback/worker.js';
import { FLOW_SETTINGS, type FlowContext } from './flows/context.js';
import { cors } from './http/cors.js';
import type { RelayEnv } from './http/env.js';
import { onError, onNotFound } from './http/errors.js';
import { requestContext } from './http/request-context.js';
import { securityHeaders } from './http/security-headers.js';
import { loadRelayKeys, type RelayKeys } from './keys.js';
import { jsonLogger, type Logger } from './log.js';
import { createPortalClient, type PortalClient } from './portal/client.js';
import { availabilityRoutes } from './routes/availability.js';
import { devRoutes } from './routes/dev.js';
import { disclosureRoutes } from './routes/disclosure.js';
import { fallbackRoutes } from './routes/fallback.js';
import { flowApiRoutes } from './routes/flow-api.js';
import { CALLBACK_PATH, pageRoutes } from './routes/pages.js';
import { publicRoutes } from './routes/public.js';
import { SESSIONS_PATH, sessionRoutes } from './routes/sessions.js';
import { clientAuthenticator } from './sessions/api-keys.js';
import { SESSION_SETTINGS, type SessionContext } from './sessions/context.js';
import { createSealer } from './seal.js';
import { describeStore, openRelayStore } from './store/open.js';
import type { RegistrationStore, RelayStore } from './store/types.js';
import { WEBHOOKS_PATH, webhookRoutes } from './routes/webhooks.js';
import { DEFAULT_RETRY, startWebhookDispatcher, type WebhookDispatcher, type WebhookRetryPolicy, type WebhookSend } from './webhooks/dispatcher.js';
import { createWebhookSender, type Resolver } from './webhooks/send.js';

/** What tests and tools replace; everything else comes from the config. */
export interface RelayOverrides {
  log?: Logger;
  /** Replaces global fetch for portal calls (tests intercept with it). */
  fetch?: typeof fetch;
  /** Base time for the relay's clock (RELAY_CLOCK and the dev route move it from there). */
  now?: () => number;
  /** Replaces the SMTP mailer built from SMTP_*; null: no mail worker (tests that send no mail). */
  mailer?: Mailer | null;
  /** How often the mail worker looks for due registrations; default 1000 ms. */
  mailIntervalMs?: number;
  /** Replaces the store RELAY_DATABASE_URL or RELAY_DATA_DIR names; `close()` leaves it open. */
  store?: RelayStore;
  /** Replaces the store's email-fallback half (tests that hold back or fail its writes). */
  registrations?: RegistrationStore;
  /** Replaces the oauth4webapi client for PORTAL_ISSUER. */
  portal?: PortalClient;
  /** Replaces the SSRF-guarded HTTP transport of webhook deliveries. */
  webhookSend?: WebhookSend;
  /** Replaces DNS for webhook targets (the guard still checks what it answers). */
  webhookResolver?: Resolver;
  /** Backoff of webhook retries; default 30 s doubling to 1 h, for RELAY_WEBHOOK_RETRY_HOURS. */
  webhookRetry?: Partial<WebhookRetryPolicy>;
  /** How often the webhook dispatcher looks for due events; default 1000 ms. */
  webhookIntervalMs?: number;
}

export interface ListenOptions {
  /** Default: PORT (`config.port`). */
  port?: number;
  /** A server already listening (its port chosen first); the relay answers its requests. */
  server?: Server;
}

export interface Listening {
  /** Where the server listens (loopback address and the bound port). */
  url: string;
  port: number;
  /** The fallback mail worker (`tick()` runs a round now); null with `mailer: null`. */
  mailWorker: MailWorker | null;
  /** The webhook dispatcher (`tick()` delivers what is due now). */
  webhooks: WebhookDispatcher;
}

/** The relay, wired: `app.request()` for unit tests, `listen()` to serve it and run its background jobs. */
export interface Relay {
  app: Hono<RelayEnv>;
  config: RelayConfig;
  keys: RelayKeys;
  store: RelayStore;
  registrations: RegistrationStore;
  portal: PortalClient;
  clock: RelayClock;
  /** Serves the app, runs the fallback mail worker and purges expired flows and sessions every minute. */
  listen(options?: ListenOptions): Promise<Listening>;
  /** Stops serving and the jobs, and closes the store (unless it was given). */
  close(): Promise<void>;
}

const PURGE_INTERVAL_MS = 60_000;

/** Only the settings a module reads, so it cannot come to depend on the others unseen. */
function pick<K extends keyof RelayConfig>(config: RelayConfig, keys: readonly K[]): Pick<RelayConfig, K> {
  return Object.fromEntries(keys.map((key) => [key, config[key]])) as Pick<RelayConfig, K>;
}

/** Builds the whole relay from its config: keys, store, clock, portal client, contexts, the Hono app. */
export async function assembleRelay(config: RelayConfig, overrides: RelayOverrides = {}): Promise<Relay> {
  const log = overrides.log ?? jsonLogger();
  if (config.developmentDefaults.length > 0) {
    log('warn', 'relay runs on development defaults', { variables: config.developmentDefaults });
  }
  const keys = await loadRelayKeys(config, log);
  const store = overrides.store ?? (await openRelayStore(config, log));
  const registrations = overrides.registrations ?? store;
  const clock = createClock(overrides.now ?? Date.now, config.clockStart);
  const portal =
    overrides.portal ??
    createPortalClient({
      issuer: config.portalIssuer,
      clientId: config.portalClientId,
      redirectUri: `${config.publicUrl}${CALLBACK_PATH}`,
      signing: keys.signing,
      ...(overrides.fetch === undefined ? {} : { fetch: overrides.fetch }),
    });
  const sealer = createSealer(keys.encryption);
  const flows: FlowContext = {
    ...pick(config, FLOW_SETTINGS),
    store,
    sessions: store,
    keys,
    sealer,
    portal,
    now: clock.now,
  };
  const fallback: FallbackContext = {
    ...pick(config, FALLBACK_SETTINGS),
    flows: store,
    registrations,
    sealer,
    signing: keys.signing,
    now: clock.now,
    realNow: Date.now,
  };

  const sessions: SessionContext = {
    ...pick(config, SESSION_SETTINGS),
    sessions: store,
    flows: store,
    registrations,
    keys,
    sealer,
    now: clock.now,
    realNow: Date.now,
  };

  const app = new Hono<RelayEnv>();
  app.use(requestContext(log));
  app.use(securityHeaders());
  // The provider routes are server to server: no CORS answer, not even to a preflight.
  app.use(cors(config.allowedOrigins, { except: [SESSIONS_PATH, WEBHOOKS_PATH] }));
  app.route('/', publicRoutes(keys));
  const authenticate = clientAuthenticator(config.clients ?? [], config.environment);
  app.route(SESSIONS_PATH, sessionRoutes(sessions, authenticate));
  app.route(WEBHOOKS_PATH, webhookRoutes(store, authenticate, Date.now));
  app.route('/v1/disclosure', disclosureRoutes(flows));
  app.route('/v1/availability', availabilityRoutes(config, clock.now));
  app.route('/v1/flows', flowApiRoutes(flows));
  app.route('/v1/fallback', fallbackRoutes(fallback));
  app.route('/v1', pageRoutes(flows, fallback));
  if (config.devRoutes) app.route('/v1/dev', devRoutes(config.allowedOrigins, clock));
  app.notFound(onNotFound);
  app.onError(onError);

  let server: Server | undefined;
  let mailWorker: MailWorker | null = null;
  let webhooks: WebhookDispatcher | undefined;
  let purge: NodeJS.Timeout | undefined;

  return {
    app,
    config,
    keys,
    store,
    registrations,
    portal,
    clock,
    async listen(options = {}) {
      if (options.server === undefined) {
        server = serve({ fetch: app.fetch, port: options.port ?? config.port }) as Server;
        if (!server.listening) await once(server, 'listening');
      } else {
        server = options.server;
        server.on('request', getRequestListener(app.fetch));
      }
      const { port } = server.address() as AddressInfo;
      const mailer = overrides.mailer === undefined ? createSmtpMailer(config.smtp) : overrides.mailer;
      if (mailer !== null) {
        mailWorker = startMailWorker(fallback, mailer, log, {
          ...(overrides.mailIntervalMs === undefined ? {} : { intervalMs: overrides.mailIntervalMs }),
        });
      }
      const send =
        overrides.webhookSend ??
        createWebhookSender({
          // Development (a loopback relay) may post to a loopback receiver; elsewhere only allowlisted private networks.
          policy: { allowLoopback: isLoopbackUrl(new URL(config.publicUrl)), allowedNetworks: config.webhookAllowedNetworks },
          ...(overrides.webhookResolver === undefined ? {} : { resolver: overrides.webhookResolver }),
        });
      webhooks = startWebhookDispatcher(
        { events: store, clients: config.clients ?? [], send, log, realNow: Date.now },
        {
          retry: { ...DEFAULT_RETRY, windowMs: config.webhookRetryHours * 3_600_000, ...overrides.webhookRetry },
          ...(overrides.webhookIntervalMs === undefined ? {} : { intervalMs: overrides.webhookIntervalMs }),
        },
      );
      purge = setInterval(() => {
        const now = clock.now();
        Promise.all([store.purgeExpired(now), store.purgeSessions(now)]).catch((error: unknown) =>
          log('error', 'purge failed', { detail: (error as Error).message }),
        );
      }, PURGE_INTERVAL_MS);
      purge.unref();
      log('info', 'relay listening', {
        port,
        publicUrl: config.publicUrl,
        portalIssuer: config.portalIssuer,
        smtp: `${config.smtp.host}:${config.smtp.port}`,
        store: describeStore(config),
        ...(config.clockStart === null ? {} : { clock: new Date(clock.now()).toISOString() }),
        ...(config.devRoutes ? { devRoutes: true } : {}),
      });
      return { url: `http://127.0.0.1:${port}`, port, mailWorker, webhooks };
    },
    async close() {
      clearInterval(purge);
      await mailWorker?.stop();
      await webhooks?.stop();
      if (server !== undefined) {
        const listening = server;
        await new Promise<void>((resolve, reject) => {
          listening.close((error) => (error ? reject(error) : resolve()));
          listening.closeAllConnections();
        });
      }
      if (overrides.store === undefined) await store.close();
    },
  };
}
