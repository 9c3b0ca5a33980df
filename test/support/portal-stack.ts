import type { IncomingMessage } from 'node:http';
import { createSandbox, createSandboxClock, scheduleAvailability, type AvailabilityHook } from '../../src/dev/sandbox/index.js';
import { assembleRelay, CALLBACK_PATH, loadConfig, silentLogger, type Logger, type Mailer, type MailWorker, type Relay, type RelayConfig } from '../../src/server/index.js';
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
  /** The sandbox's authorization code lifetime in seconds (default 60). */
  codeTtlSeconds?: number;
  log?: Logger;
  /**
   * An instant (ISO 8601 with an offset, or epoch ms) both clocks start at, the relay's
   * (`RELAY_CLOCK`) and the sandbox's; they run on at the real pace. Default: real time.
   */
  clockStart?: string | number;
  /**
   * The sandbox's operating hours: `always-open` (default; `setAvailability` replaces it) or
   * `schedule`: the schedule engine on the sandbox's clock, with the relay's RELAY_SCHEDULE_OVERRIDES.
   */
  sandboxHours?: 'always-open' | 'schedule';
  /**
   * Runs the relay's fallback mail worker, as `npm run relay` does, every `intervalMs` (default 1000),
   * sending with `mailer` or, by default, over SMTP as SMTP_* in `env` say. Default: no worker.
   */
  mailWorker?: { intervalMs?: number; mailer?: Mailer };
}

export interface PortalStack {
  relayOrigin: string;
  sandboxOrigin: string;
  config: RelayConfig;
  relay: Relay;
  /** Every request the relay's server received, in arrival order (cleared by the caller as it likes). */
  relayRequests: ReceivedRequest[];
  /** Moves the relay's clock (flow expiry); the sandbox keeps real time. */
  advanceRelayClock(ms: number): void;
  /**
   * Sets both clocks, the relay's (schedule, flow and link expiry, the mail worker) and the
   * sandbox's (operating hours, records), to `at`; they run on from there. In process, no dev route.
   */
  setClocks(at: string | number): void;
  /** The sandbox's clock now. */
  sandboxNow(): Date;
  /** The fallback mail worker with `mailWorker`, else null. */
  mailWorker: MailWorker | null;
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
  const relayServer = await listenOnLoopback();
  const sandbox = await listenOnLoopback();

  const clockStart = options.clockStart === undefined ? null : instant(options.clockStart);
  const config = loadConfig({
    PORT: '0',
    RELAY_PUBLIC_URL: relayServer.origin,
    RELAY_DATA_DIR: `${options.dataDir}/relay`,
    PORTAL_ISSUER: sandbox.origin,
    PORTAL_CLIENT_ID: options.clientId,
    ...(clockStart === null ? {} : { RELAY_CLOCK: new Date(clockStart).toISOString() }),
    ...options.env,
  });
  let intercept: typeof fetch | null = null;
  const portalFetch: typeof fetch = (input, init) => (intercept ?? fetch)(input, init);
  let clockOffset = 0;
  const relay = await assembleRelay(config, {
    log: options.log ?? silentLogger,
    fetch: portalFetch,
    now: () => Date.now() + clockOffset,
    ...(options.mailWorker === undefined
      ? { mailer: null }
      : { mailIntervalMs: options.mailWorker.intervalMs ?? 1000, ...(options.mailWorker.mailer === undefined ? {} : { mailer: options.mailWorker.mailer }) }),
  });
  const sandboxClock = createSandboxClock(clockStart);
  let availability = options.sandboxHours === 'schedule' ? scheduleAvailability(config.scheduleOverrides) : alwaysAvailable;

  const portal = await createSandbox({
    issuer: sandbox.origin,
    clients: [
      {
        clientId: options.clientId,
        jwksUri: `${relayServer.origin}/.well-known/jwks.json`,
        redirectUris: [`${relayServer.origin}${CALLBACK_PATH}`],
      },
    ],
    dataDir: `${options.dataDir}/sandbox`,
    availability: (items, at) => availability(items, at),
    slowDelayMs: options.slowDelayMs ?? 1500,
    ...(options.codeTtlSeconds === undefined ? {} : { authorizationCodeTtlSeconds: options.codeTtlSeconds }),
    now: () => sandboxClock.now(),
  });
  sandbox.server.on('request', portal.handler);

  const relayRequests: ReceivedRequest[] = [];
  relayServer.server.on('request', (request: IncomingMessage) => {
    relayRequests.push({
      method: request.method ?? '',
      path: new URL(request.url ?? '/', relayServer.origin).pathname,
      origin: request.headers.origin,
    });
  });
  const { mailWorker } = await relay.listen({ server: relayServer.server });

  return {
    relayOrigin: relayServer.origin,
    sandboxOrigin: portal.issuer,
    config,
    relay,
    relayRequests,
    advanceRelayClock(ms) {
      clockOffset += ms;
    },
    setClocks(at) {
      const ms = instant(at);
      relay.clock.set(ms);
      sandboxClock.set(ms);
    },
    sandboxNow: () => sandboxClock.now(),
    mailWorker,
    setAvailability(hook) {
      availability = hook;
    },
    interceptPortal(next) {
      intercept = next;
    },
    async close() {
      await Promise.all([relay.close(), closeServer(sandbox.server)]);
    },
  };
}

/** Epoch ms of an ISO 8601 instant (with an offset or Z) or of epoch ms. */
function instant(at: string | number): number {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms) || (typeof at === 'string' && !/(?:Z|[+-]\d{2}:\d{2})$/.test(at))) {
    throw new Error(`expected an instant with an offset, e.g. 2026-11-21T23:00:00+09:00, got ${String(at)}`);
  }
  return ms;
}
