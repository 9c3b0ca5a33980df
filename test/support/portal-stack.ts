import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { createSandbox, type AvailabilityHook } from '../../src/sandbox/index.js';
import {
  CALLBACK_PATH,
  createRelayApp,
  loadConfig,
  prepareRelayDeps,
  silentLogger,
  type Logger,
  type RelayConfig,
  type RelayDeps,
} from '../../src/relay/index.js';
import { closeServer, listenOnLoopback } from './loopback.js';

/** One request as the relay's HTTP server received it (path without the query). */
export interface ReceivedRequest {
  method: string;
  path: string;
  origin: string | undefined;
}

export interface PortalStackOptions {
  /** Parent directory for the relay's (`relay/`) and the sandbox's (`sandbox/`) data; the caller removes it. */
  dataDir: string;
  /** The relay's `client_id` at the sandbox. */
  clientId: string;
  /** More relay settings (`RELAY_ALLOWED_ORIGINS`, `RELAY_SERVICE_NAME`, …) on top of the loopback wiring. */
  env?: Record<string, string>;
  slowDelayMs?: number;
  log?: Logger;
}

export interface PortalStack {
  relayOrigin: string;
  sandboxOrigin: string;
  config: RelayConfig;
  deps: RelayDeps;
  /** Every request the relay's server received, in arrival order (cleared by the caller as it likes). */
  relayRequests: ReceivedRequest[];
  /** Moves the relay's clock (flow expiry); the sandbox keeps real time. */
  advanceRelayClock(ms: number): void;
  /** Replaces the sandbox's operating-hours answer. */
  setAvailability(hook: AvailabilityHook): void;
  /** Replaces how the relay reaches the portal, for interception tests; null restores plain fetch. */
  interceptPortal(intercept: typeof fetch | null): void;
  /** Closes both servers and the relay's store; the data directory stays for the caller. */
  close(): Promise<void>;
}

const alwaysAvailable: AvailabilityHook = () => ({ available: true, nextAvailableAt: null, servers: [] });

/**
 * The relay and the Mynaportal sandbox on loopback (`http://127.0.0.1:<port>`), ports allocated
 * first: the sandbox knows the relay by its jwks_uri and callback, the relay knows the sandbox as
 * its issuer.
 */
export async function startPortalStack(options: PortalStackOptions): Promise<PortalStack> {
  const relay = await listenOnLoopback();
  const sandbox = await listenOnLoopback();

  const config = loadConfig({
    PORT: '0',
    RELAY_PUBLIC_URL: relay.origin,
    RELAY_DATA_DIR: `${options.dataDir}/relay`,
    PORTAL_ISSUER: sandbox.origin,
    PORTAL_CLIENT_ID: options.clientId,
    ...options.env,
  });
  let intercept: typeof fetch | null = null;
  const portalFetch: typeof fetch = (input, init) => (intercept ?? fetch)(input, init);
  let clockOffset = 0;
  const deps = await prepareRelayDeps(config, {
    log: options.log ?? silentLogger,
    fetch: portalFetch,
    now: () => Date.now() + clockOffset,
  });
  let availability = alwaysAvailable;

  const portal = await createSandbox({
    issuer: sandbox.origin,
    clients: [
      {
        clientId: options.clientId,
        jwksUri: `${relay.origin}/.well-known/jwks.json`,
        redirectUris: [`${relay.origin}${CALLBACK_PATH}`],
      },
    ],
    dataDir: `${options.dataDir}/sandbox`,
    availability: (items, at) => availability(items, at),
    slowDelayMs: options.slowDelayMs ?? 1500,
  });
  sandbox.server.on('request', portal.handler);

  const relayRequests: ReceivedRequest[] = [];
  const relayListener = getRequestListener(createRelayApp(config, deps).fetch);
  relay.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    relayRequests.push({
      method: request.method ?? '',
      path: new URL(request.url ?? '/', relay.origin).pathname,
      origin: request.headers.origin,
    });
    void relayListener(request, response);
  });

  return {
    relayOrigin: relay.origin,
    sandboxOrigin: portal.issuer,
    config,
    deps,
    relayRequests,
    advanceRelayClock(ms) {
      clockOffset += ms;
    },
    setAvailability(hook) {
      availability = hook;
    },
    interceptPortal(next) {
      intercept = next;
    },
    async close() {
      await Promise.all([closeServer(relay.server), closeServer(sandbox.server)]);
      await deps.store.close();
    },
  };
}
