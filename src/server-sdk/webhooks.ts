import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { webhookEvent, type WebhookEvent } from '../protocol/webhooks.js';
import { MynaWebhookError } from './errors.js';
import { checkedInput } from './input.js';

export interface VerifyWebhookOptions {
  /**
   * The request body exactly as received (`await c.req.text()`, `express.raw()`), never
   * `JSON.stringify` of a parsed body: the signature covers the bytes, and re-serialising changes
   * them. A Uint8Array is taken as UTF-8.
   */
  body: string | Uint8Array;
  /** The `Myna-Signature` header. */
  signature: string | null | undefined;
  /** The client's webhook secret(s), `whsec_…` as configured; two while rotating. */
  secrets: string | readonly string[];
  /** How far `t` may be from now, either way; default 300. */
  toleranceSeconds?: number;
  /** Milliseconds since the epoch; default `Date.now`. */
  now?: () => number;
}

export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

const optionsInput = z.object({
  secrets: z.union([z.string().check(z.minLength(1)), z.array(z.string().check(z.minLength(1))).check(z.minLength(1))]),
  toleranceSeconds: z.optional(z.number().check(z.gte(0))),
});

/**
 * Checks a webhook delivery and returns its event: the `Myna-Signature` header (an integer `t`
 * within `toleranceSeconds` of now, and a `v1` that is the HMAC-SHA256 of `"<t>.<body>"` under one
 * of `secrets`), then the body against the protocol's event schema. Throws `MynaWebhookError`, or
 * a `TypeError` for bad options. The event names a session, never personal data: fetch the result
 * with `getResult`.
 */
export function verifyWebhook(options: VerifyWebhookOptions): WebhookEvent {
  const { secrets } = checkedInput(optionsInput, { secrets: options.secrets, toleranceSeconds: options.toleranceSeconds }, 'verifyWebhook options');
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  const { timestamp, candidates } = parseSignature(options.signature);

  const nowMs = (options.now ?? Date.now)();
  // In milliseconds, so that exactly `tolerance` seconds away passes and a millisecond more does not.
  if (Math.abs(nowMs - timestamp * 1000) > tolerance * 1000) {
    throw new MynaWebhookError('timestamp-outside-tolerance', `t=${timestamp} is more than ${tolerance} s from now (${Math.floor(nowMs / 1000)})`);
  }

  const expected = (typeof secrets === 'string' ? [secrets] : secrets).map((secret) => Buffer.from(hmac(secret, timestamp, options.body), 'utf8'));
  // Every pair, without stopping early: how long this takes says nothing about which one matched.
  let matched = false;
  for (const candidate of candidates) {
    const given = Buffer.from(candidate, 'utf8');
    for (const wanted of expected) if (given.length === wanted.length && timingSafeEqual(given, wanted)) matched = true;
  }
  if (!matched) throw new MynaWebhookError('signature-mismatch', 'no v1 signature matches the body under the configured secret(s); was the raw body used?');

  return parsedEvent(options.body);
}

function parseSignature(header: string | null | undefined): { timestamp: number; candidates: string[] } {
  if (header === null || header === undefined || header.trim() === '') throw new MynaWebhookError('signature-missing', 'no Myna-Signature header');
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    if (part.trim() === '') continue;
    const equals = part.indexOf('=');
    if (equals < 0) throw new MynaWebhookError('signature-malformed', `"${part.trim()}" is not <scheme>=<value>`);
    const scheme = part.slice(0, equals).trim();
    const value = part.slice(equals + 1).trim();
    if (scheme === 't') {
      // A second `t` could make the signed value and the checked one differ.
      if (timestamp !== undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
        throw new MynaWebhookError('signature-malformed', `t must be one integer of seconds, got "${value}"`);
      }
      timestamp = Number(value);
    } else if (scheme === 'v1') {
      candidates.push(value);
    }
    // Other schemes (v0, a future v2) are ignored, so a newer relay can add one alongside v1.
  }
  if (timestamp === undefined) throw new MynaWebhookError('signature-malformed', 'no t= in Myna-Signature');
  if (candidates.length === 0) throw new MynaWebhookError('signature-malformed', 'no v1= in Myna-Signature');
  return { timestamp, candidates };
}

// The bytes as received: a Uint8Array is signed as is, a string as its UTF-8, the same as the relay signs.
function hmac(secret: string, timestamp: number, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest('hex');
}

function parsedEvent(body: string | Uint8Array): WebhookEvent {
  let json: unknown;
  try {
    const text = typeof body === 'string' ? body : new TextDecoder('utf-8', { fatal: true }).decode(body);
    json = JSON.parse(text);
  } catch (error) {
    throw new MynaWebhookError('body-invalid', `the body is not UTF-8 JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = webhookEvent.safeParse(json);
  if (!parsed.success) throw new MynaWebhookError('body-invalid', `the body is not a webhook event:\n${z.prettifyError(parsed.error)}`, { cause: parsed.error });
  return parsed.data;
}
