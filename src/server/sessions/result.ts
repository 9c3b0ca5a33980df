import { CompactEncrypt, importJWK, SignJWT, type CryptoKey } from 'jose';
import * as z from 'zod/mini';
import { RESULT_JWT_TYPE, resultClaimRecord, sessionSubject, type ResultClaims, type ResultRecord } from '../../protocol/index.js';
import type { ClientConfig } from '../config.js';
import { ProblemError } from '../problem.js';
import type { SessionRecord } from '../store/types.js';
import { RESULT_PURPOSE, SUBJECT_PURPOSE, type SessionContext } from './context.js';
import { pairwiseSubject, subjectMatches, type Holder } from './subject.js';

/** How long a signed result is valid after it was fetched; a backend verifies it at once. */
const RESULT_JWT_TTL_SECONDS = 300;

/** What a completed session keeps, sealed, until its result lifetime ends. */
const storedResult = z.object({ sub: z.string(), retrievedAt: z.string(), records: z.array(resultClaimRecord) });
type StoredResult = z.infer<typeof storedResult>;

export interface VerifiedRetrieval {
  records: readonly ResultRecord[];
  holder: Holder | undefined;
  /** The portal's subject for this citizen; only its pairwise HMAC leaves the relay. */
  portalSubject: string;
  retrievedAt: string;
}

/** What settling a retrieval did: only `completed` lets the caller release the values. */
export type Settlement = 'completed' | 'subject_mismatch' | 'closed';

/**
 * Settles a bound flow's verified retrieval into its session: compares the holder with the
 * provider's subject (nothing is kept on a mismatch), else seals the records under the pairwise
 * subject. The answer is what this call did, never what another attempt left: a session that is
 * no longer open (completed by another flow, expired, deleted) releases nothing more.
 */
export async function completeSession(
  context: Pick<SessionContext, 'sessions' | 'sealer' | 'keys' | 'now' | 'resultTtlSeconds'>,
  session: SessionRecord,
  retrieval: VerifiedRetrieval,
): Promise<Settlement> {
  const { sessions, sealer, now } = context;
  if (session.state !== 'open' || session.expiresAt <= now()) return 'closed';
  if (session.sealedSubject !== null) {
    const subject = sessionSubject.parse(await sealer.unseal(session.sealedSubject, { rowId: session.id, purpose: SUBJECT_PURPOSE }));
    if (!subjectMatches(subject, retrieval.holder)) {
      await sessions.updateSession(session.id, ['open'], { state: 'subject_mismatch', sealedSubject: null });
      return 'subject_mismatch';
    }
  }
  const stored: StoredResult = {
    sub: pairwiseSubject(context.keys.subjectSecret, session.clientId, retrieval.portalSubject),
    retrievedAt: retrieval.retrievedAt,
    records: retrieval.records.map((record) => ({
      asOf: record.asOf,
      values: record.values.map(({ key, infoNumber, value, unit }) => ({ key, infoNumber, status: value === null ? 'no_record' : 'present', value, unit })),
    })),
  };
  const completedAt = now();
  const completed = await sessions.updateSession(session.id, ['open'], {
    state: 'completed',
    sealedResult: await sealer.seal(stored, { rowId: session.id, purpose: RESULT_PURPOSE }),
    sealedSubject: null,
    completedAt,
    resultExpiresAt: completedAt + context.resultTtlSeconds * 1000,
  });
  return completed ? 'completed' : 'closed';
}

const encryptionKeys = new WeakMap<ClientConfig, Promise<CryptoKey>>();

/**
 * The relay-signed result of a completed session: a compact JWS (ES256, `typ: myna-result+jwt`),
 * nested in a JWE (`ECDH-ES+A256KW` + `A256GCM`, `cty: JWT`) when the client registered a key.
 */
export async function signedResult(context: SessionContext, client: ClientConfig, session: SessionRecord): Promise<string> {
  if (session.sealedResult === null) throw new ProblemError('result-purged', 'The result of this session was purged');
  const stored = storedResult.parse(await context.sealer.unseal(session.sealedResult, { rowId: session.id, purpose: RESULT_PURPOSE }));
  const signer = context.keys.results[0];
  if (signer === undefined) throw new Error('No result key');
  // Real time, not the relay's (possibly moved) clock: the backend checks iat/exp against its own.
  const iat = Math.floor(context.realNow() / 1000);
  const claims: ResultClaims = {
    iss: context.publicUrl,
    aud: client.id,
    sub: stored.sub,
    sid: session.id,
    ref: session.reference,
    purpose: { id: session.purpose.id, ja: session.purpose.ja, en: session.purpose.en },
    items: session.items,
    query: session.query,
    iat,
    exp: iat + RESULT_JWT_TTL_SECONDS,
    retain_until: session.retainUntil,
    source: 'mynaportal',
    retrievedAt: stored.retrievedAt,
    records: stored.records,
  };
  const jws = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: RESULT_JWT_TYPE, kid: signer.kid }).sign(signer.privateKey);
  if (client.encryptionKey === undefined) return jws;
  let key = encryptionKeys.get(client);
  if (key === undefined) {
    key = importJWK(client.encryptionKey, 'ECDH-ES+A256KW') as Promise<CryptoKey>;
    encryptionKeys.set(client, key);
  }
  return new CompactEncrypt(new TextEncoder().encode(jws))
    .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', cty: 'JWT', ...(client.encryptionKey.kid === undefined ? {} : { kid: client.encryptionKey.kid }) })
    .encrypt(await key);
}
