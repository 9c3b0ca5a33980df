import { createHmac } from 'node:crypto';

/**
 * The `Myna-Signature` header value for one delivery: `t=<t>,v1=<hex>[,v1=<hex>]`, each `v1` the
 * lowercase hex HMAC-SHA256 of `"<t>.<body>"`, one per secret in the order given (current first
 * while rotating, so a receiver holding either secret accepts the delivery). The key is the whole
 * secret string as UTF-8, `whsec_` prefix included: receivers paste the secret as shown, never
 * decode it. `body` must be the exact bytes sent.
 */
export function webhookSignature(secrets: readonly string[], timestampSeconds: number, body: string): string {
  // A fractional or negative `t` would be refused by every receiver: a bug here, not there.
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) throw new RangeError(`timestampSeconds must be a non-negative integer, got ${timestampSeconds}`);
  if (secrets.length === 0) throw new RangeError('at least one webhook secret is required');
  const signed = `${timestampSeconds}.${body}`;
  const signatures = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(signed, 'utf8').digest('hex')}`);
  return [`t=${timestampSeconds}`, ...signatures].join(',');
}
