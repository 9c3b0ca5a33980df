/**
 * The one way tests and the bench start the relay: `startStack` assembles it (assembleRelay, as
 * `npm run relay` does) on loopback, with the Mynaportal sandbox beside it when asked, or not
 * listening at all for `app.request()`. A relay run as its own process (relay-process.ts) meets
 * its sandbox through `startSandboxForRelay`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSandbox, createSandboxClock, scheduleAvailability, type AvailabilityHook, type SandboxClock } from '../../src/dev/sandbox/index.js';
import {
  assembleRelay,
  CALLBACK_PATH,
  loadConfig,
  silentLogger,
  type Logger,
  type Mailer,
  type MailWorker,
  type Relay,
  type RelayConfig,
  type RelayOverrides,
  type RegistrationStore,
} from '../../src/server/index.js';
import { acceptingPortal, ALWAYS_OPEN, temporaryDir } from './fixtures.js';
import { closeServer, listenOnLoopback } from './loopback.js';

/** One request as the relay's HTTP server received it (path without the query). */
export interface ReceivedRequest {
  method: string;
  path: string;
  origin: string | undefined;
}

export interface SandboxOptions {
  /** The relay's `client_id` at the sandbox. */
  clientId: string;
  /** How long the slow persona takes after consent; default 1500 ms. */
  slowDelayMs?: number;
  /** The sandbox's authorization code lifetime in seconds (default 60). */
  codeTtlSeconds?: number;
  /**
   * The sandbox's operating hours: `always-open` (default; `setAvailability` replaces it) or
   * `schedule`: the schedule engine on the sandbox's clock, with the relay's RELAY_SCHEDULE_OVERRIDES.
   */
  hours?: 'always-open' | 'schedule';
}

export interface StackOptions {
  /** Relay settings on top of the stack's wiring (data dir, loopback URLs, the sandbox as issuer). */
  env?: Record<string, string>;
  /** Replaces more of the relay (a portal client, a mailer, the registrations store). */
  overrides?: RelayOverrides;
  /** Parent directory of the relay's (`relay/`) and the sandbox's (`sandbox/`) data, kept; default a temporary one removed by `close()`. */
  dataDir?: string;
  /** false: the app for `app.request()` only, no server, no mail worker. Default true. */
  listen?: boolean;
  /** Runs the Mynaportal sandbox too, on loopback, as the relay's portal. Default: none. */
  sandbox?: SandboxOptions;
  log?: Logger;
  /**
   * An instant (ISO 8601 with an offset, or epoch ms) both clocks start at, the relay's
   * (`RELAY_CLOCK`) and the sandbox's; they run on at the real pace. Default: real time.
   */
  clockStart?: string | number;
  /** Runs the relay's fallback mail worker every `intervalMs` (default 1000), sending with `mailer` or over SMTP as SMTP_* say. Default: none. */
  mailWorker?: { intervalMs?: number; mailer?: Mailer };
}

export interface Stack {
  relay: Relay;
  app: Relay['app'];
  config: RelayConfig;
  /** Where the relay listens (`http://127.0.0.1:<port>`); empty with `listen: false`. */
  relayOrigin: string;
  /** The sandbox's issuer; empty without `sandbox`. */
  sandboxOrigin: string;
  /** The relay's data directory. */
  dataDir: string;
  /** Every request the relay's server received, in arrival order (cleared by the caller as it likes). */
  relayRequests: ReceivedRequest[];
  /** The fallback mail worker with `mailWorker`, else null. */
  mailWorker: MailWorker | null;
  /** Moves the relay's clock (flow expiry); the sandbox keeps real time. */
  advanceRelayClock(ms: number): void;
  /**
   * Sets both clocks, the relay's (schedule, flow and link expiry, the mail worker) and the
   * sandbox's (operating hours, records), to `at`; they run on from there. In process, no dev route.
   */
  setClocks(at: string | number): void;
  /** The sandbox's clock now. */
  sandboxNow(): Date;
  /** Replaces the sandbox's operating-hours answer. */
  setAvailability(hook: AvailabilityHook): void;
  /** Replaces how the relay reaches the portal, for interception tests; null restores plain fetch. */
  interceptPortal(intercept: typeof fetch | null): void;
  /** Another app on the same store, clock and portal whose registrations are `registrations` (tests that hold back or fail writes). */
  withRegistrations(registrations: RegistrationStore): Promise<Relay['app']>;
  /** Closes the servers and the relay's store, and removes a temporary data directory. */
  close(): Promise<void>;
}

const alwaysAvailable: AvailabilityHook = () => ({ available: true, nextAvailableAt: null, servers: [] });

/**
 * The relay (and with `sandbox` the Mynaportal sandbox) on loopback, ports allocated first: the
 * sandbox knows the relay by its jwks_uri and callback, the relay knows the sandbox as its issuer.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const temporary = options.dataDir === undefined ? await temporaryDir('relay-stack-') : undefined;
  const dataDir = options.dataDir ?? temporary!.path;
  const listen = options.listen ?? true;
  const relayServer = listen ? await listenOnLoopback() : undefined;
  const sandboxServer = options.sandbox === undefined ? undefined : await listenOnLoopback();

  const clockStart = options.clockStart === undefined ? null : instant(options.clockStart);
  const config = loadConfig({
    RELAY_DATA_DIR: `${dataDir}/relay`,
    ...(relayServer === undefined ? {} : { PORT: '0', RELAY_PUBLIC_URL: relayServer.origin }),
    ...(sandboxServer === undefined || options.sandbox === undefined
      ? {}
      : { PORTAL_ISSUER: sandboxServer.origin, PORTAL_CLIENT_ID: options.sandbox.clientId }),
    ...(clockStart === null ? {} : { RELAY_CLOCK: new Date(clockStart).toISOString() }),
    ...options.env,
  });
  let intercept: typeof fetch | null = null;
  let clockOffset = 0;
  const base: RelayOverrides = {
    log: options.log ?? silentLogger,
    fetch: (input, init) => (intercept ?? fetch)(input, init),
    now: () => Date.now() + clockOffset,
    ...(options.mailWorker === undefined
      ? { mailer: null }
      : { mailIntervalMs: options.mailWorker.intervalMs ?? 1000, ...(options.mailWorker.mailer === undefined ? {} : { mailer: options.mailWorker.mailer }) }),
    ...options.overrides,
  };
  const relay = await assembleRelay(config, base);

  const sandboxClock = createSandboxClock(clockStart);
  let availability = options.sandbox?.hours === 'schedule' ? scheduleAvailability(config.scheduleOverrides) : alwaysAvailable;
  const sandbox =
    sandboxServer === undefined || options.sandbox === undefined || relayServer === undefined
      ? undefined
      : await serveSandbox(sandboxServer, relayServer.origin, `${dataDir}/sandbox`, options.sandbox, {
          availability: (items, at) => availability(items, at),
          clock: sandboxClock,
        });

  const relayRequests: ReceivedRequest[] = [];
  relayServer?.server.on('request', (request: IncomingMessage) => {
    relayRequests.push({
      method: request.method ?? '',
      path: new URL(request.url ?? '/', relayServer.origin).pathname,
      origin: request.headers.origin,
    });
  });
  const mailWorker = relayServer === undefined ? null : (await relay.listen({ server: relayServer.server })).mailWorker;

  return {
    relay,
    app: relay.app,
    config,
    relayOrigin: relayServer?.origin ?? '',
    sandboxOrigin: sandbox?.issuer ?? '',
    dataDir: config.dataDir,
    relayRequests,
    mailWorker,
    advanceRelayClock(ms) {
      clockOffset += ms;
    },
    setClocks(at) {
      const ms = instant(at);
      relay.clock.set(ms);
      sandboxClock.set(ms);
    },
    sandboxNow: () => sandboxClock.now(),
    setAvailability(hook) {
      availability = hook;
    },
    interceptPortal(next) {
      intercept = next;
    },
    withRegistrations: async (registrations) =>
      (await assembleRelay(config, { ...base, store: relay.store, portal: relay.portal, registrations, mailer: null })).app,
    async close() {
      await Promise.all([relay.close(), ...(sandboxServer === undefined ? [] : [closeServer(sandboxServer.server)])]);
      await temporary?.remove();
    },
  };
}

/**
 * The relay app on a temporary data dir, every server always up, a controllable clock and (by
 * default) a portal that accepts every push but issues no tokens; not listening (`app.request()`).
 */
export function testApp(env: Record<string, string> = {}, overrides: RelayOverrides = {}): Promise<Stack> {
  return startStack({ env: { RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN, ...env }, overrides: { portal: acceptingPortal(), ...overrides }, listen: false });
}

/** The sandbox on `server`, registered for the relay at `relayOrigin`. */
async function serveSandbox(
  server: Awaited<ReturnType<typeof listenOnLoopback>>,
  relayOrigin: string,
  dataDir: string,
  options: SandboxOptions,
  extra: { availability?: AvailabilityHook; clock?: SandboxClock; beforeRequest?: (path: string) => Promise<void> | void } = {},
): Promise<{ issuer: string }> {
  const portal = await createSandbox({
    issuer: server.origin,
    clients: [{ clientId: options.clientId, jwksUri: `${relayOrigin}/.well-known/jwks.json`, redirectUris: [`${relayOrigin}${CALLBACK_PATH}`] }],
    dataDir,
    slowDelayMs: options.slowDelayMs ?? 1500,
    ...(options.codeTtlSeconds === undefined ? {} : { authorizationCodeTtlSeconds: options.codeTtlSeconds }),
    ...(extra.availability === undefined ? {} : { availability: extra.availability }),
    ...(extra.clock === undefined ? {} : { now: () => extra.clock!.now() }),
  });
  server.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (extra.beforeRequest === undefined) return void portal.handler(request, response);
    const path = new URL(request.url ?? '/', server.origin).pathname;
    void Promise.resolve(extra.beforeRequest(path)).then(() => portal.handler(request, response));
  });
  return { issuer: portal.issuer };
}

export interface SandboxForRelay {
  sandboxOrigin: string;
  /** The origin the relay is reached at: the one given, or a loopback one whose port is reserved for the relay process. */
  relayOrigin: string;
  /** The relay settings that wire it to this sandbox: RELAY_PUBLIC_URL, PORTAL_*, and PORT for a reserved port. */
  relayEnv: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The Mynaportal sandbox in this process, for relays run as separate processes (relay-process.ts):
 * unless `relayOrigin` names where they are reached (a balancer in front of several), the relay's
 * port is picked first (a free loopback port), so the sandbox can register its jwks_uri and
 * callback. `beforeRequest` runs before each sandbox request is handled (a test may hold one back).
 */
export async function startSandboxForRelay(options: {
  dataDir: string;
  clientId: string;
  relayOrigin?: string;
  slowDelayMs?: number;
  beforeRequest?: (path: string) => Promise<void> | void;
}): Promise<SandboxForRelay> {
  let port: string | undefined;
  if (options.relayOrigin === undefined) {
    const reserved = await listenOnLoopback();
    await closeServer(reserved.server);
    port = String(reserved.port);
  }
  const relayOrigin = options.relayOrigin ?? `http://127.0.0.1:${port}`;
  const server = await listenOnLoopback();
  const sandbox = await serveSandbox(server, relayOrigin, options.dataDir, options, {
    ...(options.beforeRequest === undefined ? {} : { beforeRequest: options.beforeRequest }),
  });
  return {
    sandboxOrigin: sandbox.issuer,
    relayOrigin,
    relayEnv: {
      ...(port === undefined ? {} : { PORT: port }),
      RELAY_PUBLIC_URL: relayOrigin,
      PORTAL_ISSUER: sandbox.issuer,
      PORTAL_CLIENT_ID: options.clientId,
    },
    close: () => closeServer(server.server),
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
