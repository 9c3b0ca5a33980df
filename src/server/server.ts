import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createFallbackContext, createRelayApp, relayClock, type RelayDeps } from './app.js';
import { createClock } from './clock.js';
import type { RelayConfig } from './config.js';
import { createSmtpMailer, type Mailer } from './fallback/mailer.js';
import { startMailWorker, type MailWorker } from './fallback/worker.js';
import { loadRelayKeys } from './keys.js';
import { jsonLogger, type Logger } from './log.js';
import { describeStore, openRelayStore } from './store/open.js';

export interface RelayOverrides {
  log?: Logger;
  fetch?: typeof fetch;
  /** Base time for the relay's clock (RELAY_CLOCK and the dev route move it from there). */
  now?: () => number;
  /** Replaces the SMTP mailer built from SMTP_*. */
  mailer?: Mailer;
  /** How often the mail worker looks for due registrations; default 1000 ms. */
  mailIntervalMs?: number;
}

export interface RunningRelay {
  /** Where the server listens (loopback address and the bound port). */
  url: string;
  port: number;
  deps: RelayDeps;
  /** The fallback mail worker (`tick()` runs a round now). */
  mailWorker: MailWorker;
  close(): Promise<void>;
}

const PURGE_INTERVAL_MS = 60_000;

/** Keys (configured or development) and the store: Postgres at RELAY_DATABASE_URL, else SQLite in RELAY_DATA_DIR. */
export async function prepareRelayDeps(config: RelayConfig, overrides: RelayOverrides = {}): Promise<RelayDeps> {
  const log = overrides.log ?? jsonLogger();
  const keys = await loadRelayKeys(config, log);
  const store = await openRelayStore(config, log);
  const clock = createClock(overrides.now ?? Date.now, config.clockStart);
  return {
    keys,
    store,
    registrations: store,
    clock,
    log,
    ...(overrides.fetch === undefined ? {} : { fetch: overrides.fetch }),
    ...(overrides.now === undefined ? {} : { now: overrides.now }),
  };
}

/** Serves the relay on `config.port`, purges expired flows every minute and runs the fallback mail worker. */
export async function startRelay(config: RelayConfig, overrides: RelayOverrides = {}): Promise<RunningRelay> {
  const log = overrides.log ?? jsonLogger();
  if (config.developmentDefaults.length > 0) {
    log('warn', 'relay runs on development defaults', { variables: config.developmentDefaults });
  }
  const deps = await prepareRelayDeps(config, { ...overrides, log });
  const app = createRelayApp(config, deps);
  const server = serve({ fetch: app.fetch, port: config.port });
  if (!server.listening) await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const clock = relayClock(config, deps);
  const now = clock.now;
  const mailWorker = startMailWorker(createFallbackContext(config, deps, clock), overrides.mailer ?? createSmtpMailer(config.smtp), log, {
    ...(overrides.mailIntervalMs === undefined ? {} : { intervalMs: overrides.mailIntervalMs }),
  });
  const purge = setInterval(() => {
    deps.store.purgeExpired(now()).catch((error: unknown) => log('error', 'purge failed', { detail: (error as Error).message }));
  }, PURGE_INTERVAL_MS);
  purge.unref();
  log('info', 'relay listening', {
    port,
    publicUrl: config.publicUrl,
    portalIssuer: config.portalIssuer,
    smtp: `${config.smtp.host}:${config.smtp.port}`,
    store: describeStore(config),
    ...(config.clockStart === null ? {} : { clock: new Date(now()).toISOString() }),
    ...(config.devRoutes ? { devRoutes: true } : {}),
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    deps,
    mailWorker,
    async close() {
      clearInterval(purge);
      await mailWorker.stop();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await deps.store.close();
    },
  };
}
