import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { closeServer, listenOnLoopback } from '../../support/loopback.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** The built widget; `MYNA_E2E_WIDGET` points at another build of it (e.g. of another commit). */
export const WIDGET = process.env['MYNA_E2E_WIDGET'] ?? fileURLToPath(new URL('../../../dist/myna-fetch-button.iife.js', import.meta.url));
const WIDGET_PATH = '/myna-fetch-button.iife.js';
/** Where fixtures write the relay's origin; replaced when served. */
const RELAY_PLACEHOLDER = '%RELAY_ORIGIN%';

/**
 * The provider's page as a strict one: no inline script or style, no eval, Trusted Types enforced
 * with only Lit's policy allowed, fetches only to the relay.
 */
export function strictCsp(relayOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src ${relayOrigin}`,
    "img-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
}

export interface HostPage {
  /** `http://localhost:<port>`: cross-site to the relay and the sandbox on 127.0.0.1. */
  origin: string;
  /** Paths requested, in order (query dropped). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A tiny static server for the host pages in fixtures/ and the built widget from dist/. The relay's
 * origin is asked for at request time: the relay is configured with this page's origin, so it starts later.
 */
export async function startHostPage(relayOrigin: () => string): Promise<HostPage> {
  const { server, port } = await listenOnLoopback();
  const origin = `http://localhost:${port}`;
  const requests: string[] = [];

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', origin).pathname;
    requests.push(path);
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, {
        'Content-Type': type,
        'Content-Security-Policy': strictCsp(relayOrigin()),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed');
    if (path === WIDGET_PATH) return send(200, 'text/javascript; charset=utf-8', await readFile(WIDGET));
    const page = /^\/([a-z-]+\.html)$/.exec(path)?.[1];
    if (page === undefined) return send(404, 'text/plain', 'not found');
    let html: string;
    try {
      html = await readFile(`${FIXTURES}${page}`, 'utf8');
    } catch {
      return send(404, 'text/plain', 'not found');
    }
    send(200, 'text/html; charset=utf-8', html.replaceAll(RELAY_PLACEHOLDER, relayOrigin()));
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(String(error));
    });
  });
  return { origin, requests, close: () => closeServer(server) };
}
