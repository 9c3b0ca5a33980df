import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ClientConfig, RelayEnvironment } from '../config.js';
import { ProblemError } from '../problem.js';

/** `myna_test_…` for a sandbox, `myna_live_…` for the real portal: a key shows where it belongs. */
const API_KEY_PATTERN = /^myna_(test|live)_[A-Za-z0-9_-]{32,128}$/;

const hashOf = (key: string) => createHash('sha256').update(key, 'utf8').digest();

/** What RELAY_CLIENTS stores of a key: its environment and SHA-256, never the key. */
export function apiKeyHash(key: string): string {
  const environment = API_KEY_PATTERN.exec(key)?.[1];
  if (environment === undefined) throw new Error('Not an API key: expected myna_test_… or myna_live_…');
  return `${environment}:${hashOf(key).toString('base64url')}`;
}

/** A new random key of `environment` and its hash entry (`npm run relay:key`). */
export function generateApiKey(environment: RelayEnvironment): { key: string; hash: string } {
  const key = `myna_${environment}_${randomBytes(32).toString('base64url')}`;
  return { key, hash: apiKeyHash(key) };
}

interface KnownKey {
  client: ClientConfig;
  digest: Buffer;
}

export type ClientAuthenticator = (authorization: string | undefined) => ClientConfig;

const WWW_AUTHENTICATE = { 'WWW-Authenticate': 'Bearer realm="myna-relay"' };

/**
 * Finds the client of a `Bearer` API key. The presented key is hashed to a fixed 32 bytes and
 * compared with `timingSafeEqual` against every configured hash, without stopping at a match, so
 * the time taken says nothing about which key or how much of it was right.
 */
export function clientAuthenticator(
  clients: readonly ClientConfig[],
  environment: RelayEnvironment,
  /** Replaced only by the test that checks every comparison is of two 32-byte digests. */
  equal: (a: Buffer, b: Buffer) => boolean = timingSafeEqual,
): ClientAuthenticator {
  const known: KnownKey[] = clients.flatMap((client) =>
    client.keyHashes.map((entry) => ({ client, digest: Buffer.from(entry.slice(entry.indexOf(':') + 1), 'base64url') })),
  );
  return (authorization) => {
    const key = /^Bearer ([\x21-\x7e]{1,256})$/.exec(authorization ?? '')?.[1];
    if (key === undefined) {
      throw new ProblemError('unauthorized', 'Authorization: Bearer <API key> is required', { headers: WWW_AUTHENTICATE });
    }
    const keyEnvironment = API_KEY_PATTERN.exec(key)?.[1];
    if (keyEnvironment !== undefined && keyEnvironment !== environment) {
      throw new ProblemError('api-key-environment', `A ${keyEnvironment} key was sent to a ${environment} relay`, { headers: WWW_AUTHENTICATE });
    }
    const digest = hashOf(key);
    let match: ClientConfig | undefined;
    for (const candidate of known) {
      if (equal(digest, candidate.digest) && match === undefined) match = candidate.client;
    }
    if (match === undefined) throw new ProblemError('unauthorized', 'The API key is not valid', { headers: WWW_AUTHENTICATE });
    return match;
  };
}
