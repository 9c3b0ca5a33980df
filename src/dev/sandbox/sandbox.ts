import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CardLocks } from './interaction/card-locks.js';
import { createInteractionHandler } from './interaction/routes.js';
import { loadOrCreateKeys } from './keys.js';
import { alwaysAvailable, DEFAULT_DATA_DIR, DEFAULT_SLOW_DELAY_MS, type SandboxOptions } from './options.js';
import { INTERACTION_PATH, SELFINFO_PATH } from './protocol.js';
import { createProvider } from './provider.js';
import { createSelfinfoHandler } from './selfinfo/routes.js';
import { STYLESHEET_PATH } from './views/layout.js';
import { STYLESHEET } from './views/stylesheet.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The issuer is an origin: routes are served from the root, and `iss` is compared exactly. */
function normaliseIssuer(issuer: string): string {
  const url = URL.parse(issuer);
  if (url === null || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(`Sandbox issuer must be an origin such as http://localhost:8788, got ${JSON.stringify(issuer)}`);
  }
  return url.origin;
}

export async function createSandbox(options: SandboxOptions): Promise<{ handler: RequestHandler; issuer: string }> {
  const issuer = normaliseIssuer(options.issuer);
  const keys = await loadOrCreateKeys(options.dataDir ?? DEFAULT_DATA_DIR);
  const provider = createProvider({ issuer, clients: options.clients, keys, authorizationCodeTtlSeconds: options.authorizationCodeTtlSeconds });
  const handleInteraction = createInteractionHandler({ provider, issuer, cardLocks: new CardLocks() });
  const handleSelfinfo = createSelfinfoHandler({
    provider,
    issuer,
    keys,
    availability: options.availability ?? alwaysAvailable,
    slowDelayMs: options.slowDelayMs ?? DEFAULT_SLOW_DELAY_MS,
    now: options.now ?? (() => new Date()),
  });
  const handleOidc = provider.callback();

  const handler: RequestHandler = (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path === STYLESHEET_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }).end(STYLESHEET);
      return;
    }
    const route = path.startsWith(`${INTERACTION_PATH}/`) ? handleInteraction : path.startsWith(`${SELFINFO_PATH}/`) ? handleSelfinfo : undefined;
    if (route === undefined) {
      handleOidc(req, res);
      return;
    }
    route(req, res, path).catch((error: unknown) => {
      console.error('sandbox: unexpected error', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Internal error');
    });
  };
  return { handler, issuer };
}

export interface StartedSandbox {
  url: string;
  close(): Promise<void>;
}

/** Listens (port 0: any free port) and, unless given, takes the issuer from the bound address. */
export async function startSandbox(
  options: Omit<SandboxOptions, 'issuer'> & { port?: number; host?: string; issuer?: string },
): Promise<StartedSandbox> {
  const { port = 0, host = 'localhost', issuer, ...rest } = options;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const boundPort = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  try {
    const sandbox = await createSandbox({ ...rest, issuer: issuer ?? `http://${hostInUrl}:${boundPort}` });
    server.on('request', sandbox.handler);
    return {
      url: sandbox.issuer,
      close: () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeAllConnections();
        }),
    };
  } catch (error) {
    server.close();
    throw error;
  }
}
