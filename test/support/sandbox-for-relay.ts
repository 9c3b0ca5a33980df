import type { IncomingMessage, ServerResponse } from 'node:http';
import { CALLBACK_PATH } from '../../src/server/index.js';
import { createSandbox } from '../../src/dev/sandbox/index.js';
import { closeServer, listenOnLoopback } from './loopback.js';

export interface SandboxForRelay {
  sandboxOrigin: string;
  /** The loopback origin the relay process must listen on (its port is reserved for it). */
  relayOrigin: string;
  /** The relay settings that wire it to this sandbox: PORT, RELAY_PUBLIC_URL, PORTAL_*. */
  relayEnv: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The Mynaportal sandbox in this process, for a relay run as a separate process: the relay's port
 * is picked first (a free loopback port), so the sandbox can register its jwks_uri and callback.
 * `beforeRequest` runs before each sandbox request is handled (a test may hold one back).
 */
export async function startSandboxForRelay(options: {
  dataDir: string;
  clientId: string;
  slowDelayMs?: number;
  beforeRequest?: (path: string) => Promise<void> | void;
}): Promise<SandboxForRelay> {
  const reserved = await listenOnLoopback();
  const relayPort = reserved.port;
  await closeServer(reserved.server);
  const relayOrigin = `http://127.0.0.1:${relayPort}`;

  const sandbox = await listenOnLoopback();
  const portal = await createSandbox({
    issuer: sandbox.origin,
    clients: [{ clientId: options.clientId, jwksUri: `${relayOrigin}/.well-known/jwks.json`, redirectUris: [`${relayOrigin}${CALLBACK_PATH}`] }],
    dataDir: options.dataDir,
    slowDelayMs: options.slowDelayMs ?? 1500,
  });
  sandbox.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', sandbox.origin).pathname;
    void Promise.resolve(options.beforeRequest?.(path)).then(() => portal.handler(request, response));
  });
  return {
    sandboxOrigin: portal.issuer,
    relayOrigin,
    relayEnv: {
      PORT: String(relayPort),
      RELAY_PUBLIC_URL: relayOrigin,
      PORTAL_ISSUER: portal.issuer,
      PORTAL_CLIENT_ID: options.clientId,
    },
    close: () => closeServer(sandbox.server),
  };
}
