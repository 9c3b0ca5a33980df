import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, generateSecret } from 'jose';
import { closeServer, listenOnLoopback } from '../../support/loopback.js';
import type { RelayProcess } from '../../support/relay-process.js';

/** The settings every instance of one deployment shares: keys generated once, as a secret store would hold them. */
export async function sharedRelayKeys(): Promise<Record<string, string>> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const secret = await generateSecret('A256KW', { extractable: true });
  return {
    RELAY_SIGNING_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'multi-sign', alg: 'ES256' }),
    RELAY_ENCRYPTION_KEYS: JSON.stringify([{ ...(await exportJWK(secret)), kid: 'multi-enc' }]),
  };
}

export interface Balancer {
  /** The one public origin of every instance (RELAY_PUBLIC_URL). */
  origin: string;
  /** Sends the following requests to this instance. */
  routeTo(instance: RelayProcess): void;
  /** Every request forwarded so far: which instance got it. */
  forwarded: { instance: string; method: string; path: string }[];
  close(): Promise<void>;
}

/**
 * A load balancer in front of the instances, reduced to one switch: the test says where each
 * request goes, so it can make a flow change instances between steps.
 */
export async function startBalancer(): Promise<Balancer> {
  const { server, origin } = await listenOnLoopback();
  let target: RelayProcess | undefined;
  const forwarded: Balancer['forwarded'] = [];
  server.on('request', (incoming: IncomingMessage, outgoing: ServerResponse) => {
    if (target === undefined) {
      outgoing.writeHead(503).end();
      return;
    }
    forwarded.push({ instance: target.name, method: incoming.method ?? '', path: new URL(incoming.url ?? '/', origin).pathname });
    const upstream = httpRequest(`${target.url}${incoming.url ?? '/'}`, { method: incoming.method, headers: incoming.headers }, (response) => {
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  return {
    origin,
    forwarded,
    routeTo(instance) {
      target = instance;
    },
    close: () => closeServer(server),
  };
}
