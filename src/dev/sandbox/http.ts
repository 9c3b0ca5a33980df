import type { IncomingMessage, ServerResponse } from 'node:http';
import { finished } from 'node:stream/promises';

const FORM_LIMIT_BYTES = 16 * 1024;

export class BadRequest extends Error {}

/** Reads an `application/x-www-form-urlencoded` body, as browsers post the screens' forms. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (req.headers['content-type']?.split(';')[0]?.trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
    throw new BadRequest('expected a form post');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_LIMIT_BYTES) throw new BadRequest('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Reads and drops a body the route does not use, so keep-alive connections stay usable. */
export async function discardBody(req: IncomingMessage): Promise<void> {
  req.resume();
  await finished(req);
}

/**
 * Headers of every screen: no script or style but our own, never framed, never cached, no
 * referrer leaking the interaction URL. Forms may post to ourselves and redirect on to the
 * client's callback (browsers apply `form-action` to those redirects too).
 */
export function screenHeaders(formTargets: readonly string[]): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      `form-action 'self'${formTargets.map((origin) => ` ${origin}`).join('')}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  };
}

export function sendScreen(res: ServerResponse, status: number, body: string, formTargets: readonly string[] = []): void {
  res.writeHead(status, screenHeaders(formTargets)).end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers })
    .end(JSON.stringify(body));
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).end();
}
