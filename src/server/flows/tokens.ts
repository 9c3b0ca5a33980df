import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 128 bits of randomness, base64url (22 characters): flow ids, cookie values. */
export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Base64url(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}

/** Constant-time comparison of two base64url digests. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export const FLOW_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
