import * as z from 'zod/mini';
import { MAX_ITEMS, catalogKey, isoDate, query, unit } from './common.js';
import { PURPOSE_ID } from './names.js';
import { flowErrorCode } from './problems.js';

/**
 * Provider sessions: the provider's backend creates a session (Bearer API key, server to server),
 * hands its `clientToken` to the page (`<myna-fetch-button session="…">`), and later redeems the
 * relay-signed result. Shapes of `/v1/sessions` and of the signed result's claims.
 */

/** An id of the relay's purpose table (`RELAY_PURPOSES`): lower case, digits, `.`, `_`, `-`. */
export const purposeId = z.string().check(z.regex(PURPOSE_ID, 'expected a purpose id such as "mortgage-prescreen"'));

/** The provider's own application id, echoed in every answer and claim; never personal data. */
export const sessionReference = z.string().check(
  z.minLength(1),
  z.maxLength(200),
  z.regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
);

/**
 * What the provider already knows of the applicant; compared with the card holder's basic
 * attributes (基本4情報) after NFKC normalisation, spaces ignored, hiragana read as katakana.
 */
export const sessionSubject = z
  .strictObject({
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    nameKana: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    birthDate: z.optional(isoDate),
  })
  .check(z.refine((subject) => Object.keys(subject).length > 0, 'name, nameKana or birthDate is required'));
export type SessionSubject = z.infer<typeof sessionSubject>;

export const queryMethod = z.enum(['latest', 'at', 'range']);

/** `POST /v1/sessions` (the query as the element's attributes spell it: `query` + `at` / `from` / `to`). */
export const createSessionRequest = z.strictObject({
  items: z.array(catalogKey).check(z.minLength(1), z.maxLength(MAX_ITEMS)),
  purpose: purposeId,
  reference: z.optional(sessionReference),
  query: z.optional(queryMethod),
  at: z.optional(isoDate),
  from: z.optional(isoDate),
  to: z.optional(isoDate),
  subject: z.optional(sessionSubject),
  /** Where a redirect-mode flow comes back to; an origin of the client. */
  returnUrl: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});
export type CreateSessionRequest = z.infer<typeof createSessionRequest>;

/** `201` of `POST /v1/sessions`; `clientToken` goes to the page, never the API key. */
export const sessionCreated = z.object({ sessionId: z.string(), clientToken: z.string(), expiresAt: z.string() });
export type SessionCreated = z.infer<typeof sessionCreated>;

/**
 * `pending` is normal: the portal answers asynchronously. `failed` and `cancelled` describe the
 * latest attempt (the citizen may try again until the session expires); `completed`, `expired`
 * and `subject_mismatch` are final.
 */
export const sessionStatus = z.enum(['created', 'pending', 'completed', 'failed', 'cancelled', 'expired', 'subject_mismatch']);
export type SessionStatus = z.infer<typeof sessionStatus>;

/** Statuses after which a session never changes: no result will come for `expired` or `subject_mismatch`. */
export const FINAL_SESSION_STATUSES: readonly SessionStatus[] = ['completed', 'expired', 'subject_mismatch'];

/** Failure codes of a session: a flow's error codes and `unavailable` (the portal's hours). */
export const sessionFailureCode = z.union([flowErrorCode, z.literal('unavailable')]);

/** `GET /v1/sessions/{id}` */
export const sessionAnswer = z.object({
  sessionId: z.string(),
  reference: z.nullable(z.string()),
  status: sessionStatus,
  /** For `failed`: why, and whether another attempt may succeed. */
  code: z.optional(z.string()),
  retryable: z.optional(z.boolean()),
  items: z.array(z.string()),
  purpose: purposeId,
  query,
  createdAt: z.string(),
  expiresAt: z.string(),
  completedAt: z.nullable(z.string()),
  /** Until when `GET …/result` answers; null before completion and after the data is purged. */
  resultExpiresAt: z.nullable(z.string()),
});
export type SessionAnswer = z.infer<typeof sessionAnswer>;

/** `POST /v1/disclosure` for a bound button: the session's client token. */
export const sessionDisclosureRequest = z.strictObject({ session: z.string().check(z.minLength(16), z.maxLength(256)) });

/** A purpose as configured: the same text on the disclosure, the portal's consent screen and the signed result. */
export const purposeClaim = z.object({ id: purposeId, ja: z.string(), en: z.string() });

export const resultClaimValue = z.object({
  key: z.string(),
  infoNumber: z.nullable(z.string()),
  status: z.enum(['present', 'no_record']),
  /** A scalar, an object (a category whose record format is not public), or null for no record. */
  value: z.nullable(z.union([z.number(), z.string(), z.boolean(), z.record(z.string(), z.unknown())])),
  unit: z.nullable(unit),
});
export type ResultClaimValue = z.infer<typeof resultClaimValue>;

export const resultClaimRecord = z.object({ asOf: isoDate, values: z.array(resultClaimValue) });

export const RESULT_JWT_TYPE = 'myna-result+jwt';

/** The claims of the relay-signed result (`GET /v1/sessions/{id}/result`, JWS ES256, `typ: myna-result+jwt`). */
export const resultClaims = z.object({
  /** The relay's public URL. */
  iss: z.string(),
  /** The provider's client id. */
  aud: z.string(),
  /** Pairwise subject: stable for one citizen and one provider, different across providers. */
  sub: z.string(),
  sid: z.string(),
  ref: z.nullable(z.string()),
  purpose: purposeClaim,
  items: z.array(z.string()),
  query,
  iat: z.number(),
  exp: z.number(),
  /** Japan date until which the provider may keep the data under the consent. */
  retain_until: isoDate,
  source: z.literal('mynaportal'),
  retrievedAt: z.string(),
  /** Ordered by `asOf`: one for 時点/最新, every record of the range for 範囲. */
  records: z.array(resultClaimRecord),
});
export type ResultClaims = z.infer<typeof resultClaims>;
