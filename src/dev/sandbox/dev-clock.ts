import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatJapanTime } from '../../domain/schedule/index.js';
import type { RequestHandler } from './sandbox.js';

export const DEV_CLOCK_PATH = '/dev/clock';

/** The sandbox's clock: real time, optionally started elsewhere (SANDBOX_CLOCK), movable in development. */
export interface SandboxClock {
  now(): Date;
  set(at: number): void;
  reset(): void;
}

export function createSandboxClock(start: number | null = null, base: () => number = Date.now): SandboxClock {
  const initialOffset = start === null ? 0 : start - base();
  let offset = initialOffset;
  return {
    now: () => new Date(base() + offset),
    set(at) {
      offset = at - base();
    },
    reset() {
      offset = initialOffset;
    },
  };
}

const BODY_LIMIT = 1024;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Development only (SANDBOX_DEV_ROUTES=1): `GET|POST /dev/clock` with `{ "at": ISO }` or
 * `{ "reset": true }`, guarded like the relay's mutating routes (POST, JSON, `X-Myna-Fetch: 1`,
 * an allowlisted Origin; CORS for those origins). Every other request goes to `next`.
 */
export function withDevClock(next: RequestHandler, clock: SandboxClock, allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res) => {
    if (new URL(req.url ?? '/', 'http://sandbox').pathname !== DEV_CLOCK_PATH) {
      next(req, res);
      return;
    }
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { error: 'server_error' });
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    const cors: Record<string, string> = { Vary: 'Origin' };
    if (origin !== undefined && allowed.has(origin)) cors['Access-Control-Allow-Origin'] = origin;
    if (req.method === 'OPTIONS') {
      if (cors['Access-Control-Allow-Origin'] === undefined) return send(res, 403, { error: 'origin_not_allowed' }, cors);
      res
        .writeHead(204, {
          ...cors,
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': 'Content-Type, X-Myna-Fetch',
          'Access-Control-Max-Age': '600',
        })
        .end();
      return;
    }
    const answer = () => ({ now: formatJapanTime(clock.now().getTime()), offsetMs: clock.now().getTime() - Date.now() });
    if (req.method === 'GET') return send(res, 200, answer(), cors);
    if (req.method !== 'POST') return send(res, 405, { error: 'method_not_allowed' }, { ...cors, Allow: 'GET, POST' });
    if (origin === undefined || !allowed.has(origin)) return send(res, 403, { error: 'origin_not_allowed' }, cors);
    if (req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
      return send(res, 403, { error: 'content_type_not_allowed' }, cors);
    }
    if (req.headers['x-myna-fetch'] !== '1') return send(res, 403, { error: 'fetch_header_missing' }, cors);
    const body = await readBody(req);
    if (body === undefined) return send(res, 400, { error: 'invalid_request', error_description: 'body is not JSON' }, cors);
    const keys = typeof body === 'object' && body !== null ? Object.keys(body) : [];
    const { at, reset } = (body ?? {}) as { at?: unknown; reset?: unknown };
    if (keys.length === 1 && reset === true) {
      clock.reset();
    } else if (keys.length === 1 && typeof at === 'string' && INSTANT.test(at) && !Number.isNaN(Date.parse(at))) {
      clock.set(Date.parse(at));
    } else {
      return send(res, 400, { error: 'invalid_request', error_description: 'expected { "at": ISO instant with offset } or { "reset": true }' }, cors);
    }
    return send(res, 200, answer(), cors);
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers }).end(JSON.stringify(body));
}
