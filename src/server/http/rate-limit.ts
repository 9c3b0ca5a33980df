import { splitList } from '../../domain/text.js';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { ProblemError } from '../problem.js';

export interface RateLimit {
  /** Requests a client may make at once. */
  burst: number;
  /** Seconds in which a drained bucket fills up again. */
  perSeconds: number;
}

/** Buckets kept at most; the least recently used go first (a full bucket is the same as none). */
const MAX_BUCKETS = 10_000;

/**
 * A token bucket per client key, in memory (each relay instance limits on its own). Over the
 * limit: 429 `rate-limited` with `Retry-After` (whole seconds until one request is allowed).
 */
export function rateLimit(limit: RateLimit, keyOf: (c: Context) => string, now: () => number = Date.now): MiddlewareHandler {
  const perMs = limit.burst / (limit.perSeconds * 1000);
  const buckets = new Map<string, { tokens: number; at: number }>();
  return async (c, next) => {
    const key = keyOf(c);
    const at = now();
    const previous = buckets.get(key);
    const tokens = previous === undefined ? limit.burst : Math.min(limit.burst, previous.tokens + (at - previous.at) * perMs);
    buckets.delete(key);
    if (tokens < 1) {
      buckets.set(key, { tokens, at });
      const retryAfter = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
      throw new ProblemError('rate-limited', 'Too many registrations from this client; try again later', {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
    buckets.set(key, { tokens: tokens - 1, at });
    if (buckets.size > MAX_BUCKETS) buckets.delete(buckets.keys().next().value!);
    await next();
  };
}

/**
 * The calling client as `Origin|IP`. With `trustedHops` proxies in front, the address is the
 * X-Forwarded-For entry the outermost trusted proxy added; otherwise the socket's peer.
 */
export function clientKey(trustedHops: number): (c: Context) => string {
  return (c) => `${c.req.header('Origin') ?? ''}|${clientAddress(c, trustedHops)}`;
}

function clientAddress(c: Context, trustedHops: number): string {
  if (trustedHops > 0) {
    const forwarded = splitList(c.req.header('X-Forwarded-For') ?? '');
    const entry = forwarded[forwarded.length - trustedHops];
    if (entry !== undefined) return entry;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not on a Node socket (app.request() in tests)
  }
}
