import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createRelayApp, type RelayDeps } from './app.js';
import type { RelayConfig } from './config.js';
import { loadRelayKeys } from './keys.js';
import { jsonLogger, type Logger } from './log.js';
import { openSqliteFlowStore } from './store/sqlite.js';

export interface RelayOverrides {
  log?: Logger;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface RunningRelay {
  /** Where the server listens (loopback address and the bound port). */
  url: string;
  port: number;
  deps: RelayDeps;
  close(): Promise<void>;
}

const PURGE_INTERVAL_MS = 60_000;

/** Keys (configured or development) and the SQLite store in RELAY_DATA_DIR. */
export async function prepareRelayDeps(config: RelayConfig, overrides: RelayOverrides = {}): Promise<RelayDeps> {
  const log = overrides.log ?? jsonLogger();
  return {
    keys: await loadRelayKeys(config, log),
    store: openSqliteFlowStore(config.dataDir),
    log,
    ...(overrides.fetch === undefined ? {} : { fetch: overrides.fetch }),
    ...(overrides.now === undefined ? {} : { now: overrides.now }),
  };
}

/** Serves the relay on `config.port` and purges expired flows every minute. */
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
  const now = overrides.now ?? Date.now;
  const purge = setInterval(() => {
    deps.store.purgeExpired(now()).catch((error: unknown) => log('error', 'purge failed', { detail: (error as Error).message }));
  }, PURGE_INTERVAL_MS);
  purge.unref();
  log('info', 'relay listening', { port, publicUrl: config.publicUrl, portalIssuer: config.portalIssuer });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    deps,
    async close() {
      clearInterval(purge);
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await deps.store.close();
    },
  };
}
