import { timingSafeEqual } from 'node:crypto';
import { ProblemError } from './problem.js';
import { randomToken, sha256Base64url } from './flows/tokens.js';
import { DAY_MS } from '../domain/japan-time.js';
import type { Sealer } from './seal.js';
import type { RegistrationStore } from './store/types.js';

const FINGERPRINT_PURPOSE = 'idempotency-fingerprint';

/** What `Idempotency-Key` handling needs (the fallback route and `POST /v1/sessions`). */
export interface IdempotencyContext {
  registrations: Pick<RegistrationStore, 'getIdempotency' | 'claimIdempotency' | 'releaseIdempotency' | 'purgeRegistrations'>;
  sealer: Sealer;
  now: () => number;
  realNow: () => number;
}

/** How long a key and its answer are remembered. */
const KEY_TTL_MS = DAY_MS;
/**
 * How long a running request holds its key; after that (the process died) a retry may take it
 * over. A request needs milliseconds; the margin covers a slow disk.
 */
const LOCK_MS = 10_000;

/** Printable ASCII without spaces at either end, as clients send UUIDs or random strings. */
const KEY_PATTERN = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;

export type IdempotencyStart<T> = { kind: 'replay'; answer: T; keyHash: string } | { kind: 'owned'; keyHash: string; owner: string };

/** The header's value, or undefined when absent; 400 `invalid-idempotency-key` when malformed. */
export function readIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY_PATTERN.test(header)) {
    throw new ProblemError('invalid-idempotency-key', 'Idempotency-Key must be 1 to 255 printable ASCII characters', {
      field: 'Idempotency-Key',
    });
  }
  return header;
}

/**
 * Takes the key for this request, or answers for it: the stored answer when the same request
 * already completed, 422 `idempotency-key-reused` for another body, 409 `idempotency-in-progress`
 * while the first request still runs. Keys are scoped (the calling origin, the API client).
 */
export async function beginIdempotent<T>(
  context: IdempotencyContext,
  scope: string,
  key: string,
  fingerprint: string,
): Promise<IdempotencyStart<T>> {
  const { registrations, sealer } = context;
  const keyHash = sha256Base64url(`${scope}\n${key}`);
  const owner = randomToken();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const record = {
      keyHash,
      sealedFingerprint: await sealer.seal(fingerprint, { rowId: keyHash, purpose: FINGERPRINT_PURPOSE }),
      owner,
      state: 'running' as const,
      lockedUntil: context.realNow() + LOCK_MS,
      answer: null,
      expiresAt: context.now() + KEY_TTL_MS,
    };
    const existing = await registrations.getIdempotency(keyHash);
    if (existing === undefined || existing.expiresAt <= context.now()) {
      if (existing !== undefined) await registrations.purgeRegistrations(context.now());
      if (await registrations.claimIdempotency(record, null)) return { kind: 'owned', keyHash, owner };
      continue; // a concurrent request inserted it first: look again
    }
    if (!(await sameFingerprint(context, existing.sealedFingerprint, keyHash, fingerprint))) {
      throw new ProblemError('idempotency-key-reused', 'This Idempotency-Key was used with another request body', {
        field: 'Idempotency-Key',
      });
    }
    if (existing.state === 'done' && existing.answer !== null) return { kind: 'replay', answer: JSON.parse(existing.answer) as T, keyHash };
    if (existing.lockedUntil > context.realNow()) throw inProgress();
    // The first request stopped without committing (the relay was restarted): take over.
    if (await registrations.claimIdempotency(record, existing.owner)) return { kind: 'owned', keyHash, owner };
  }
  throw inProgress();
}

export function inProgress(): ProblemError {
  return new ProblemError('idempotency-in-progress', 'A request with this Idempotency-Key is still being processed; retry shortly', {
    headers: { 'Retry-After': '1' },
  });
}

async function sameFingerprint(context: IdempotencyContext, sealed: string, keyHash: string, fingerprint: string): Promise<boolean> {
  let stored: unknown;
  try {
    stored = await context.sealer.unseal(sealed, { rowId: keyHash, purpose: FINGERPRINT_PURPOSE });
  } catch {
    return false; // sealed with a key no longer configured: cannot be shown to match
  }
  if (typeof stored !== 'string') return false;
  const left = Buffer.from(stored);
  const right = Buffer.from(fingerprint);
  return left.length === right.length && timingSafeEqual(left, right);
}
