import { PROBLEMS, type ProblemDocument } from '../protocol/problems.js';
import { FINAL_SESSION_STATUSES, type SessionStatus } from '../protocol/sessions.js';

/** Codes of the SDK's own, for failures that carry no problem document. */
export type ClientFailureCode =
  /** No HTTP answer at all: DNS, connection refused, reset, an aborted fetch. */
  | 'relay-unreachable'
  /** An answer that is not what the protocol says (wrong status, content type or shape). */
  | 'unexpected-answer';

/**
 * The relay refused a call (an RFC 9457 problem document), or could not be reached. `code` is the
 * document's `code` (src/protocol/problems.ts) or a `ClientFailureCode`; `retryable` says whether
 * the same call may succeed later.
 */
export class MynaRelayError extends Error {
  /** The HTTP status; null when no answer came. */
  readonly status: number | null;
  readonly code: string;
  readonly detail: string;
  readonly retryable: boolean;
  /** For `result-not-ready`: where the session stands (`created`, `pending`, `failed`, …). */
  readonly sessionStatus: SessionStatus | undefined;
  /** The whole problem document, for its other members (`field`, `nextAvailableAt`, …). */
  readonly problem: ProblemDocument | undefined;

  constructor(
    init: { status: number | null; code: string; detail: string; sessionStatus?: SessionStatus; problem?: ProblemDocument },
    options?: { cause?: unknown },
  ) {
    super(`${init.code}: ${init.detail}`, options);
    this.name = 'MynaRelayError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    // No result will ever come for a session that is final: retrying `result-not-ready` then would never end.
    this.retryable = retryableFor(init.code, init.status) && !(init.sessionStatus !== undefined && FINAL_SESSION_STATUSES.includes(init.sessionStatus));
    this.sessionStatus = init.sessionStatus;
    this.problem = init.problem;
  }
}

function retryableFor(code: string, status: number | null): boolean {
  if (Object.hasOwn(PROBLEMS, code)) return PROBLEMS[code as keyof typeof PROBLEMS].retryable;
  if (code === 'relay-unreachable') return true;
  // A code from a newer relay: its status is all we know.
  return status !== null && (status === 429 || status >= 500);
}

/**
 * Which check a signed result failed. `signature`: not signed by a key of the relay's JWKS (or
 * not a compact ES256 JWS at all); `expired`: outside `iat` … `exp` beyond the clock tolerance;
 * `session`: `sid` is not the session asked for; `type`: the header's `typ` is not
 * `myna-result+jwt`; `claims`: the payload is not the protocol's `resultClaims`; `encryption`:
 * the JWE could not be decrypted, or the result was (or was not) encrypted against the settings.
 */
export type VerificationFailure = 'signature' | 'issuer' | 'audience' | 'session' | 'expired' | 'type' | 'claims' | 'encryption';

/** A relay-signed result that must not be trusted; never retry with the same token. */
export class MynaResultVerificationError extends Error {
  readonly reason: VerificationFailure;

  constructor(reason: VerificationFailure, message: string, options?: { cause?: unknown }) {
    super(`${reason}: ${message}`, options);
    this.name = 'MynaResultVerificationError';
    this.reason = reason;
  }
}

/**
 * Why a webhook delivery was refused. `signature-missing`: no `Myna-Signature` header;
 * `signature-malformed`: no integer `t` or no `v1`; `timestamp-outside-tolerance`: `t` too far
 * from now (a replay, or a clock off); `signature-mismatch`: no `v1` is the HMAC of the body under
 * any secret (tampered, re-serialised, another secret); `body-invalid`: correctly signed but not a
 * webhook event (not UTF-8, not JSON, or not the protocol's shape).
 */
export type WebhookFailureCode = 'signature-missing' | 'signature-malformed' | 'timestamp-outside-tolerance' | 'signature-mismatch' | 'body-invalid';

/** A webhook delivery that must not be acted on: answer it with a 400 and do nothing else. */
export class MynaWebhookError extends Error {
  readonly code: WebhookFailureCode;

  constructor(code: WebhookFailureCode, message: string, options?: { cause?: unknown }) {
    super(`${code}: ${message}`, options);
    this.name = 'MynaWebhookError';
    this.code = code;
  }
}
