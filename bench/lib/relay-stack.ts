import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { DEFAULT_SLOW_DELAY_MS } from '../../src/dev/sandbox/options.js';
import { jsonLogger, silentLogger } from '../../src/server/index.js';
import { closeServer, listenOnLoopback } from '../../test/support/loopback.js';
import { startStack } from '../../test/support/stack.js';

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

/**
 * The relay and the sandbox as the relay tests run them (ports allocated first, so each knows the
 * other), data in a temporary directory (with `databaseUrl`, the relay's store in that Postgres
 * database), operating hours open at any time of day (see ALWAYS_OPEN_OVERRIDES), plus the bare
 * Hono baseline. The relay logs one JSON line
 * per request as in production, to this process's stdout (`log: false` silences it).
 */
export async function startRelayStack(options: { log?: boolean; databaseUrl?: string } = {}): Promise<RelayStack> {
  const stack = await startStack({
    env: {
      RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN_OVERRIDES,
      // The registration bench posts far faster than a person; the per-client limit would refuse it.
      RELAY_FALLBACK_RATE_LIMIT: '999999/1',
      ...(options.databaseUrl === undefined ? {} : { RELAY_DATABASE_URL: options.databaseUrl }),
    },
    log: options.log === false ? silentLogger : jsonLogger(),
    sandbox: { clientId: CLIENT_ID, slowDelayMs: DEFAULT_SLOW_DELAY_MS },
  });
  const bare = await listenOnLoopback();
  bare.server.on('request', getRequestListener(new Hono().get('/', (c) => c.json({ ok: true })).fetch));

  return {
    relay: stack.relayOrigin,
    sandbox: stack.sandboxOrigin,
    bare: bare.origin,
    async close() {
      await Promise.all([stack.close(), closeServer(bare.server)]);
    },
  };
}
