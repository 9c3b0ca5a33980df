import * as z from 'zod/mini';
import { serverStatus } from './availability.js';

/**
 * Every problem code the relay answers with (RFC 9457 documents, `code` member), its HTTP status,
 * and whether the same request may succeed later (`retryable`). The one list: the relay's
 * `ProblemError` takes its status from here, and its portal errors their `retryable`.
 */
export const PROBLEMS = {
  'bad-request': { status: 400, retryable: false },
  'invalid-json': { status: 400, retryable: false },
  'invalid-input': { status: 400, retryable: false },
  'invalid-query': { status: 400, retryable: false },
  'invalid-return-url': { status: 400, retryable: false },
  'invalid-idempotency-key': { status: 400, retryable: false },
  'invalid-callback': { status: 400, retryable: false },
  'unknown-item': { status: 400, retryable: false },
  'item-not-allowed': { status: 400, retryable: false },
  'unknown-state': { status: 400, retryable: false },
  'state-used': { status: 400, retryable: false },
  'email-invalid': { status: 400, retryable: false },
  'email-mismatch': { status: 400, retryable: false },
  'email-too-long': { status: 400, retryable: false },
  'unknown-purpose': { status: 400, retryable: false },
  unauthorized: { status: 401, retryable: false },
  'api-key-environment': { status: 401, retryable: false },
  'origin-not-allowed': { status: 403, retryable: false },
  'method-not-allowed': { status: 403, retryable: false },
  'content-type-not-allowed': { status: 403, retryable: false },
  'fetch-header-missing': { status: 403, retryable: false },
  'bad-secret': { status: 403, retryable: false },
  'binding-mismatch': { status: 403, retryable: false },
  'browser-request-refused': { status: 403, retryable: false },
  'purpose-not-allowed': { status: 403, retryable: false },
  'session-token-invalid': { status: 403, retryable: false },
  'not-found': { status: 404, retryable: false },
  'unknown-flow': { status: 404, retryable: false },
  'unknown-session': { status: 404, retryable: false },
  'unknown-webhook-event': { status: 404, retryable: false },
  'already-launched': { status: 409, retryable: false },
  'idempotency-in-progress': { status: 409, retryable: true },
  'result-not-ready': { status: 409, retryable: true },
  'session-closed': { status: 409, retryable: false },
  'flow-expired': { status: 410, retryable: false },
  'already-redeemed': { status: 410, retryable: false },
  'result-purged': { status: 410, retryable: false },
  'session-expired': { status: 410, retryable: false },
  'body-too-large': { status: 413, retryable: false },
  'idempotency-key-reused': { status: 422, retryable: false },
  'rate-limited': { status: 429, retryable: true },
  'internal-error': { status: 500, retryable: true },
  'portal-unreachable': { status: 502, retryable: true },
  'portal-refused': { status: 502, retryable: false },
  'portal-protocol-error': { status: 502, retryable: false },
  'result-invalid': { status: 502, retryable: false },
  unavailable: { status: 503, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ProblemCode = keyof typeof PROBLEMS;

/** The codes a portal failure can carry, as a problem (flow creation) or as a flow's error outcome. */
export const PORTAL_ERROR_CODES = ['portal-unreachable', 'portal-refused', 'portal-protocol-error', 'result-invalid'] as const;
export type PortalErrorCode = (typeof PORTAL_ERROR_CODES)[number];

/** How a flow can end in error (`{ status: 'error', code }` of a poll). */
export const flowErrorCode = z.enum([
  ...PORTAL_ERROR_CODES,
  /** The portal's process ended in error. */
  'portal-result-error',
  /** The portal declined the authorization. */
  'portal-error',
  /** The authorization response failed validation (issuer or parameters). */
  'callback-invalid',
  /** The portal did not exchange the authorization code for tokens. */
  'token-exchange-failed',
  /** The portal's process expired before it answered: start again. */
  'expired',
  /** The relay lost the flow mid-exchange (a crash): start again. */
  'relay-error',
  /** The browser that came back from the portal is not the one that launched the flow. */
  'binding-mismatch',
  /** The card holder is not the applicant the provider's session names: nothing was released. */
  'subject-mismatch',
  /** The provider session ended (completed by another attempt, deleted, expired) before this retrieval settled: nothing was released. */
  'session-closed',
]);
export type FlowErrorCode = z.infer<typeof flowErrorCode>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const problemType = (code: string) => `urn:myna-fetch:problem:${code}`;

/** An `application/problem+json` document; `unavailable` adds the schedule's answer, `result-not-ready` the session's `sessionStatus`. */
export const problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  /** A `ProblemCode`; typed as a string so a client survives a relay that knows one more. */
  code: z.string(),
  detail: z.string(),
  /** The request member (or query parameter) at fault. */
  field: z.optional(z.string()),
  at: z.optional(z.string()),
  nextAvailableAt: z.optional(z.nullable(z.string())),
  servers: z.optional(z.array(serverStatus)),
});
export type ProblemDocument = z.infer<typeof problem>;
