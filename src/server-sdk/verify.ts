import {
  compactDecrypt,
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  errors,
  importJWK,
  jwtVerify,
  type CryptoKey,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import * as z from 'zod/mini';
import { RESULT_JWT_TYPE, resultClaims, type ResultClaims, type ResultClaimValue } from '../protocol/sessions.js';
import { MynaRelayError, MynaResultVerificationError, type VerificationFailure } from './errors.js';
import { checkedInput } from './input.js';

/** The private half of the encryption key registered with the relay (`encryptionKey` of `RELAY_CLIENTS`). */
export type DecryptionKey = JWK | CryptoKey;

export type ResultRecord = ResultClaims['records'][number];

/** A result whose signature, issuer, audience, session, type, lifetime and claims were checked. */
export interface VerifiedResult {
  readonly claims: ResultClaims;
  /** The newest record (records are ordered by `asOf`); undefined when the result holds none. */
  readonly latest: ResultRecord | undefined;
  /** The value of a catalog key in the newest record, e.g. `value('localTax.salaryRevenue')?.value`. */
  value(key: string): ResultClaimValue | undefined;
}

/** What a result must say to be accepted. */
export interface ResultExpectations {
  /** The relay's public URL (`RELAY_PUBLIC_URL`), compared exactly with `iss`. */
  issuer: string;
  /** The provider's client id (`id` in `RELAY_CLIENTS`), compared with `aud`. */
  audience: string;
  /** The session the result must belong to (`sid`); leave it out only when any of yours will do. */
  sessionId?: string;
  now?: Date;
  /** Allowed clock skew for `iat` and `exp`; default 30. */
  clockToleranceSeconds?: number;
}

export interface VerifyResultOptions extends ResultExpectations {
  /** The relay's JWKS, or its URL (`{relay}/.well-known/jwks.json`), fetched and kept `jwksCacheSeconds`. */
  jwks: JSONWebKeySet | URL | string;
  /** Set when the relay encrypts your results: a plain JWS is then refused. Several keys while rotating. */
  decryptionKey?: DecryptionKey | readonly DecryptionKey[];
  /** Default 300. */
  jwksCacheSeconds?: number;
}

export const DEFAULT_JWKS_CACHE_SECONDS = 300;
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 30;

const SIGNING_ALGORITHM = 'ES256';
const KEY_MANAGEMENT = 'ECDH-ES+A256KW';
const CONTENT_ENCRYPTION = 'A256GCM';

/**
 * Verifies a relay-signed result obtained some other way than `getResult` (a queue, a webhook):
 * the same checks. Throws `MynaResultVerificationError`, or `MynaRelayError` when the JWKS URL
 * cannot be read.
 */
export async function verifyResult(token: string, options: VerifyResultOptions): Promise<VerifiedResult> {
  checkedInput(expectationsInput, options, 'verifyResult options');
  const keys =
    typeof options.jwks === 'string' || options.jwks instanceof URL
      ? cachedKeySet(new URL(options.jwks), options.jwksCacheSeconds ?? DEFAULT_JWKS_CACHE_SECONDS)
      : createLocalJWKSet(options.jwks);
  return verifyResultWith(token, keys, await importDecryptionKeys(options.decryptionKey), options);
}

// jose skips the issuer and audience checks when they are left out: a JavaScript caller that
// forgets one must get an error, not a result from any relay for any client.
const expectationsInput = z.object({
  issuer: z.string().check(z.minLength(1)),
  audience: z.string().check(z.minLength(1)),
  sessionId: z.optional(z.string().check(z.minLength(1))),
  clockToleranceSeconds: z.optional(z.number().check(z.gte(0))),
  jwksCacheSeconds: z.optional(z.number().check(z.gte(0))),
});

// One cache per JWKS URL for the life of the process, so that verifyResult(…, { jwks: url }) in a
// request handler does not fetch the keys on every call.
const keySetsByUrl = new Map<string, JWTVerifyGetKey>();

function cachedKeySet(url: URL, cacheSeconds: number): JWTVerifyGetKey {
  const cacheKey = `${cacheSeconds} ${url.href}`;
  let keys = keySetsByUrl.get(cacheKey);
  if (keys === undefined) {
    keys = relayKeySet(url, { cacheSeconds });
    keySetsByUrl.set(cacheKey, keys);
  }
  return keys;
}

/** The relay's JWKS, fetched on first use and again after `cacheSeconds` or on a `kid` it lacks. */
export function relayKeySet(url: URL, options: { cacheSeconds: number; fetch?: typeof fetch }): JWTVerifyGetKey {
  return createRemoteJWKSet(url, {
    cacheMaxAge: options.cacheSeconds * 1000,
    // The relay publishes a key before signing with it, so a kid we lack means our copy predates
    // the rotation: fetch again at once (concurrent misses share one fetch; a second miss fails).
    cooldownDuration: 0,
    ...(options.fetch === undefined ? {} : { [customFetch]: options.fetch }),
  });
}

/** The keys as CryptoKeys; a JWK that is not an EC private key for ECDH-ES is the caller's bug (TypeError). */
export async function importDecryptionKeys(keys: DecryptionKey | readonly DecryptionKey[] | undefined): Promise<CryptoKey[]> {
  const list: readonly DecryptionKey[] = keys === undefined ? [] : Array.isArray(keys) ? keys : [keys as DecryptionKey];
  try {
    return await Promise.all(
      list.map(async (key) => {
        if (!isJwk(key)) return key;
        if (key.kty !== 'EC' || typeof key.d !== 'string') throw new Error(`expected a private EC JWK (kty "EC" with "d"), got kty ${JSON.stringify(key.kty)}`);
        return (await importJWK(key, KEY_MANAGEMENT)) as CryptoKey;
      }),
    );
  } catch (error) {
    throw new TypeError(`Invalid decryptionKey: ${(error as Error).message}`, { cause: error });
  }
}

function isJwk(key: DecryptionKey): key is JWK {
  return typeof (key as JWK).kty === 'string';
}

/**
 * The checks, in order: the envelope (JWE exactly when decryption keys are given), the signature
 * against `keys`, `typ`, `iss`, `aud`, `exp` / `iat`, the claims' shape, then `sid`.
 */
export async function verifyResultWith(
  token: string,
  keys: JWTVerifyGetKey,
  decryptionKeys: readonly CryptoKey[],
  expected: ResultExpectations,
): Promise<VerifiedResult> {
  const signed = decryptionKeys.length === 0 ? plainToken(token) : await decrypt(token, decryptionKeys);
  const now = expected.now ?? new Date();
  const tolerance = expected.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(signed, keyWithKid(keys), {
      algorithms: [SIGNING_ALGORITHM],
      typ: RESULT_JWT_TYPE,
      issuer: expected.issuer,
      audience: expected.audience,
      requiredClaims: ['exp', 'iat'],
      clockTolerance: tolerance,
      currentDate: now,
    }));
  } catch (error) {
    throw verificationFailure(error);
  }
  const parsed = resultClaims.safeParse(payload);
  if (!parsed.success) throw new MynaResultVerificationError('claims', z.prettifyError(parsed.error));
  const claims = parsed.data;
  // jose checks `iat` only against a maximum age; a result from the future is as wrong as an old one.
  if (claims.iat > now.getTime() / 1000 + tolerance) throw new MynaResultVerificationError('expired', '"iat" is in the future');
  if (expected.sessionId !== undefined && claims.sid !== expected.sessionId) {
    throw new MynaResultVerificationError('session', `the result is for session ${claims.sid}, not ${expected.sessionId}`);
  }
  const latest = claims.records.at(-1);
  return { claims, latest, value: (key) => latest?.values.find((value) => value.key === key) };
}

const compactParts = (token: string) => token.split('.').length;

function plainToken(token: string): string {
  // An encrypted result for a client configured without a key: refuse rather than guess.
  if (compactParts(token) === 5) throw new MynaResultVerificationError('encryption', 'the result is encrypted (JWE) but no decryptionKey is configured');
  return token;
}

async function decrypt(token: string, decryptionKeys: readonly CryptoKey[]): Promise<string> {
  // A client that registered an encryption key accepts nothing else: a plaintext result means
  // someone other than the relay's encrypting path produced it, or the relay lost the setting.
  if (compactParts(token) !== 5) throw new MynaResultVerificationError('encryption', 'expected an encrypted result (JWE); refusing a plaintext one');
  const failures: unknown[] = [];
  for (const key of decryptionKeys) {
    try {
      const { plaintext, protectedHeader } = await compactDecrypt(token, key, {
        keyManagementAlgorithms: [KEY_MANAGEMENT],
        contentEncryptionAlgorithms: [CONTENT_ENCRYPTION],
      });
      if (protectedHeader.cty?.toUpperCase() !== 'JWT') {
        throw new MynaResultVerificationError('encryption', `expected a nested JWT (cty "JWT"), got ${JSON.stringify(protectedHeader.cty)}`);
      }
      return new TextDecoder().decode(plaintext);
    } catch (error) {
      if (error instanceof MynaResultVerificationError) throw error;
      failures.push(error);
    }
  }
  throw new MynaResultVerificationError('encryption', 'no decryption key opens the result', { cause: new AggregateError(failures) });
}

/**
 * Every result names its key (`kid`): without one, any key of the set could be tried. A JWKS
 * that cannot be fetched is the relay's failure, not the token's.
 */
function keyWithKid(keys: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    if (typeof header.kid !== 'string') throw new MynaResultVerificationError('signature', 'the result names no key ("kid")');
    try {
      return await keys(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
        throw new MynaResultVerificationError('signature', `the relay's JWKS has no single ${SIGNING_ALGORITHM} key "${header.kid}"`, { cause: error });
      }
      const unreachable = !(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout;
      throw new MynaRelayError(
        { status: null, code: unreachable ? 'relay-unreachable' : 'unexpected-answer', detail: `the relay's JWKS could not be read: ${(error as Error).message}` },
        { cause: error },
      );
    }
  };
}

const CLAIM_FAILURES: Partial<Record<string, VerificationFailure>> = { iss: 'issuer', aud: 'audience', typ: 'type', iat: 'expired', nbf: 'expired' };

function verificationFailure(error: unknown): Error {
  if (error instanceof MynaResultVerificationError || error instanceof MynaRelayError) return error;
  const message = (error as Error).message;
  if (error instanceof errors.JWTExpired) return new MynaResultVerificationError('expired', message, { cause: error });
  if (error instanceof errors.JWTClaimValidationFailed) {
    const reason = error.reason === 'check_failed' ? (CLAIM_FAILURES[error.claim] ?? 'claims') : 'claims';
    return new MynaResultVerificationError(reason, message, { cause: error });
  }
  // A payload that is not a JSON object, once the signature held.
  if (error instanceof errors.JWTInvalid) return new MynaResultVerificationError('claims', message, { cause: error });
  // A malformed token, another algorithm, a signature that does not match.
  return new MynaResultVerificationError('signature', message, { cause: error });
}
