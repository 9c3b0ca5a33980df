import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { CALLBACK_PATH, createRelayApp, jsonLogger, loadConfig, prepareRelayDeps, silentLogger } from '../../src/server/index.js';
import { createSandbox } from '../../src/dev/sandbox/index.js';

const CLIENT_ID = 'myna-relay-bench';

/**
 * The bench must not depend on the day it runs: the servers behind the flow's items (local tax,
 * household) keep their 24 h hours but lose their planned stops (3rd weekend, year end), so a
 * flow can start at any instant. A relay without schedule support ignores the variable.
 */
export const ALWAYS_OPEN_OVERRIDES = JSON.stringify({
  servers: { 'joho-teikyo-nw': { stops: [] }, 'juki-net': { stops: [] }, jichitai: { stops: [] } },
});

/** What a bench client needs to reach the servers; all on 127.0.0.1, ephemeral ports. */
export interface StackOrigins {
  relay: string;
  sandbox: string;
  /** A bare Hono route (`GET /` → `{ ok: true }`) on @hono/node-server, the baseline. */
  bare: string;
}

export interface RelayStack extends StackOrigins {
  close(): Promise<void>;
}

async function listenOnLoopback(): Promise<{ server: Server; origin: string }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  server.keepAliveTimeout = 30_000;
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * The relay and the sandbox as the relay tests run them (ports allocated first, so each knows the
 * other), data in a temporary directory (with `databaseUrl`, the relay's store in that Postgres
 * database), operating hours open at any time of day (see ALWAYS_OPEN_OVERRIDES), plus the bare
 * Hono baseline. The relay logs one JSON line
 * per request as in production, to this process's stdout (`log: false` silences it).
 */
export async function startRelayStack(options: { log?: boolean; databaseUrl?: string } = {}): Promise<RelayStack> {
  const relay = await listenOnLoopback();
  const sandbox = await listenOnLoopback();
  const bare = await listenOnLoopback();
  const dir = await mkdtemp(join(tmpdir(), 'myna-bench-relay-'));

  const config = loadConfig({
    PORT: '0',
    RELAY_PUBLIC_URL: relay.origin,
    RELAY_DATA_DIR: join(dir, 'relay'),
    PORTAL_ISSUER: sandbox.origin,
    PORTAL_CLIENT_ID: CLIENT_ID,
    RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN_OVERRIDES,
    // The registration bench posts far faster than a person; the per-client limit would refuse it.
    RELAY_FALLBACK_RATE_LIMIT: '999999/1',
    ...(options.databaseUrl === undefined ? {} : { RELAY_DATABASE_URL: options.databaseUrl }),
  });
  const deps = await prepareRelayDeps(config, { log: options.log === false ? silentLogger : jsonLogger() });
  const portal = await createSandbox({
    issuer: sandbox.origin,
    clients: [{ clientId: CLIENT_ID, jwksUri: `${relay.origin}/.well-known/jwks.json`, redirectUris: [`${relay.origin}${CALLBACK_PATH}`] }],
    dataDir: join(dir, 'sandbox'),
    availability: () => ({ available: true, nextAvailableAt: null, servers: [] }),
  });
  sandbox.server.on('request', portal.handler);
  relay.server.on('request', getRequestListener(createRelayApp(config, deps).fetch));
  bare.server.on('request', getRequestListener(new Hono().get('/', (c) => c.json({ ok: true })).fetch));

  return {
    relay: relay.origin,
    sandbox: portal.issuer,
    bare: bare.origin,
    async close() {
      await Promise.all([closeServer(relay.server), closeServer(sandbox.server), closeServer(bare.server)]);
      await deps.store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
