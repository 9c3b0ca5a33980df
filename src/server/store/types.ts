import type { FallbackReason, FlowErrorCode, FlowMode, Lang, RelayCancelStep } from '../../protocol/index.js';
import type { WebhookDeliveryStatus, WebhookEventType } from '../../protocol/index.js';
import type { FlowQuery } from '../query.js';

/** A purpose of RELAY_PURPOSES as it was when a session or flow was made: id, both texts, retention. */
export interface PurposeText {
  id: string;
  ja: string;
  en: string;
  retentionDays: number;
}

export type { FlowMode };
export type CancelStep = RelayCancelStep;

/**
 * created → launched → exchanging → pending → redeemed, or a terminal outcome on the way:
 * cancelled, unavailable, failed; expired once the TTL passed (secrets already purged).
 */
export type FlowStatus =
  | 'created'
  | 'launched'
  | 'exchanging'
  | 'pending'
  | 'redeemed'
  | 'cancelled'
  | 'unavailable'
  | 'failed'
  | 'expired';

export interface ServerAvailability {
  id: string;
  available: boolean;
  nextAvailableAt: string | null;
}

/** Why a flow ended without data; never personal. */
export type FlowOutcome =
  /** Where the flow stopped: at the portal, at a locked card (too many wrong PINs), or by the widget. */
  | { kind: 'cancelled'; step: CancelStep }
  | { kind: 'unavailable'; nextAvailableAt: string | null; servers: ServerAvailability[] }
  | { kind: 'failed'; code: FlowErrorCode; retryable: boolean };

/** One consent flow. Everything secret or personal lives in `sealed` (JWE), never in plain columns. */
export interface FlowRecord {
  id: string;
  /** SHA-256 of the OAuth `state`, so a database read does not yield a usable state. */
  stateHash: string;
  /** SHA-256 of the widget's secret, as the widget sent it. */
  secretHash: string;
  /** SHA-256 of the `__Host-myna-flow` cookie value set at launch. */
  bindingHash: string | null;
  status: FlowStatus;
  mode: FlowMode;
  returnUrl: string;
  items: string[];
  query: FlowQuery;
  /** The purpose as the person consented to it (a copy: an edit of RELAY_PURPOSES does not change it); null for flows stored before purposes had ids. */
  purpose: PurposeText | null;
  /** The provider session this flow serves; null for an unbound button (autofill only). */
  sessionId: string | null;
  retainUntil: string;
  outcome: FlowOutcome | null;
  sealed: string | null;
  createdAt: number;
  expiresAt: number;
  consentedAt: number | null;
  nextPollAt: number | null;
  pollLockUntil: number | null;
}

export type FlowPatch = Partial<
  Pick<FlowRecord, 'status' | 'bindingHash' | 'outcome' | 'sealed' | 'consentedAt' | 'nextPollAt' | 'pollLockUntil'>
>;

/**
 * Flow persistence. Promise-based so a networked store (Postgres, for several relay instances)
 * fits the same interface. Every state change is a compare-and-set on the status, which is
 * what makes `state`, launch and redemption single-use under concurrency.
 */
export interface FlowStore {
  insert(record: FlowRecord): Promise<void>;
  get(id: string): Promise<FlowRecord | undefined>;
  getByStateHash(stateHash: string): Promise<FlowRecord | undefined>;
  /** Applies `patch` only if the flow is in one of `from`; true when it did. */
  transition(id: string, from: readonly FlowStatus[], patch: FlowPatch): Promise<boolean>;
  /** Takes the portal polling slot of a pending flow until `lockUntil`; false when another call holds it. */
  claimPoll(id: string, now: number, lockUntil: number): Promise<boolean>;
  /** Drops the secrets of expired flows, then deletes their tombstones after a grace period. */
  purgeExpired(now: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * An email-fallback registration (guideline Q&A 問1): mail the user once the items can be fetched.
 * waiting → sent (the mail left; the address is dropped) → used (the resume link was followed;
 * the return URL is dropped). Rows go away when the retention ends, the link expires, the flow
 * they wait on succeeded anyway, or the address turned out undeliverable.
 */
export type RegistrationStatus = 'waiting' | 'sent' | 'used';

export type { FallbackReason };
export type MailLanguage = Lang;

export interface RegistrationRecord {
  id: string;
  status: RegistrationStatus;
  reason: FallbackReason;
  lang: MailLanguage;
  items: string[];
  query: FlowQuery;
  /** The consent flow that was still pending when the user registered (its secret was proven). */
  flowId: string | null;
  /** JWE of `{ email }`; null once the mail was sent. */
  sealedContact: string | null;
  /** JWE of `{ returnUrl }`; null once the link was used. */
  sealedReturn: string | null;
  /** Relay clock (epoch ms) — like every instant here, except `claimedUntil`. */
  createdAt: number;
  /** When the mail is due (the items' next available instant, or the next retry). */
  sendAt: number;
  attempts: number;
  /** Real time: a worker holds the row until then while it sends. */
  claimedUntil: number | null;
  sentAt: number | null;
  linkExpiresAt: number | null;
  usedAt: number | null;
  /** End of the consented retention: the row is deleted then, whatever its state. */
  retainUntil: number;
}

/** The stored side of an `Idempotency-Key` (scoped to the calling origin; only its hash is kept). */
export interface IdempotencyRecord {
  keyHash: string;
  /** JWE of the request's fingerprint, so even its hash is not readable from the file. */
  sealedFingerprint: string;
  /** Random token of the request that holds the key. */
  owner: string;
  state: 'running' | 'done';
  /** Real time: a running request holds the key until then (a crashed one lets go). */
  lockedUntil: number;
  /** JSON of the stored answer once done. */
  answer: string | null;
  expiresAt: number;
}

/** An insert's idempotency key, marked done with `answer` in the same transaction. */
export interface IdempotencyCompletion {
  keyHash: string;
  owner: string;
  answer: string;
}

export class IdempotencyConflictError extends Error {
  constructor() {
    super('Another request holds this idempotency key');
    this.name = 'IdempotencyConflictError';
  }
}

/** Registration persistence; Promise-based for the same reason as FlowStore. */
export interface RegistrationStore {
  /**
   * Commits the registration (and, with `idempotency`, marks the key done with its answer) in one
   * transaction. Throws IdempotencyConflictError, writing nothing, if the key is no longer held by `owner`.
   */
  insertRegistration(record: RegistrationRecord, idempotency?: IdempotencyCompletion): Promise<void>;
  getRegistration(id: string): Promise<RegistrationRecord | undefined>;
  /** Leases up to `limit` due rows (status waiting, sendAt ≤ now, no live lease) until `leaseUntil` (real time). */
  claimDueRegistrations(now: number, realNow: number, leaseUntil: number, limit: number): Promise<RegistrationRecord[]>;
  /** Back to waiting, due at `sendAt`; only while claimed. */
  rescheduleRegistration(id: string, sendAt: number): Promise<boolean>;
  /** waiting → sent; drops the sealed address (and checkpoints the WAL). */
  markRegistrationSent(id: string, sentAt: number, linkExpiresAt: number): Promise<boolean>;
  /**
   * sent → used, once; drops the sealed return URL. Also from waiting: a mail whose "sent" was
   * never recorded (the process died right after sending) is still honoured, and not sent again.
   */
  markRegistrationUsed(id: string, usedAt: number, linkExpiresAt: number): Promise<boolean>;
  /** Deletes a registration (undeliverable, superseded) and checkpoints the WAL. */
  deleteRegistration(id: string): Promise<void>;
  /** Deletes rows past retention or past their link's expiry, and expired idempotency keys; checkpoints. */
  purgeRegistrations(now: number): Promise<void>;

  getIdempotency(keyHash: string): Promise<IdempotencyRecord | undefined>;
  /**
   * Takes the key for `record.owner`: inserts it if absent (`previousOwner` null), or takes over a
   * running key from `previousOwner`. False when another request got there first.
   */
  claimIdempotency(record: IdempotencyRecord, previousOwner: string | null): Promise<boolean>;
  /** Lets go of a key whose request failed before committing anything. */
  releaseIdempotency(keyHash: string, owner: string): Promise<void>;
}

/**
 * What the relay stores of a provider session; the status a provider sees combines it with the
 * session's current flow (src/server/sessions/status.ts). open → completed or subject_mismatch;
 * open → expired once `expiresAt` passed.
 */
export type SessionState = 'open' | 'completed' | 'subject_mismatch' | 'expired';

export interface SessionRecord {
  id: string;
  clientId: string;
  /** SHA-256 of the client token the page holds. */
  tokenHash: string;
  state: SessionState;
  reference: string | null;
  items: string[];
  /** A copy of the purpose when the session was created: what the disclosure, the portal and the signed result show. */
  purpose: PurposeText;
  query: FlowQuery;
  returnUrl: string | null;
  /** JWE of the provider's `subject`; null when none was given, and once the session ended. */
  sealedSubject: string | null;
  /** JWE of the verified records and pairwise subject; null before completion and once purged. */
  sealedResult: string | null;
  /** The latest flow started for the session. */
  flowId: string | null;
  /** Japan date: end of the consented retention. */
  retainUntil: string;
  createdAt: number;
  expiresAt: number;
  completedAt: number | null;
  /** Until when the result can be fetched. */
  resultExpiresAt: number | null;
}

export type SessionPatch = Partial<Pick<SessionRecord, 'state' | 'sealedSubject' | 'sealedResult' | 'flowId' | 'expiresAt' | 'completedAt' | 'resultExpiresAt'>>;

/** Session persistence; every change a compare-and-set on the state, as for flows. */
export interface SessionStore {
  /** Inserts (and, with `idempotency`, marks the key done with its answer) in one transaction; see insertRegistration. */
  insertSession(record: SessionRecord, idempotency?: IdempotencyCompletion): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  getSessionByTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  /** Applies `patch` only if the session is in one of `from`; true when it did. */
  updateSession(id: string, from: readonly SessionState[], patch: SessionPatch): Promise<boolean>;
  /** Forgets the session and its data at once; true when it existed. */
  deleteSession(id: string): Promise<boolean>;
  /** Expires open sessions past their lifetime, drops results past theirs, deletes old tombstones. */
  purgeSessions(now: number): Promise<void>;
}

/** Both stores implement all four. */
export type RelayStore = FlowStore & RegistrationStore & SessionStore & WebhookStore;

/** An outbox row: one webhook event and its delivery. Times are real time (epoch ms), not the relay's clock. */
export interface WebhookEventRecord {
  id: string;
  clientId: string;
  sessionId: string;
  type: WebhookEventType;
  sequence: number;
  createdAt: number;
  /** The JSON sent on every attempt, fixed when the event was recorded. */
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  /** A dispatcher holds the event until then while it delivers; the value is also its lease token. */
  leaseUntil: number | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  /** Set by a redelivery: the retry window counts from then. */
  redeliveredAt: number | null;
}

/** How an attempt ended: delivered, to be retried at `nextAttemptAt`, or given up. */
export type WebhookAttemptResult =
  | { status: 'delivered'; at: number; responseStatus: number }
  | { status: 'failing'; nextAttemptAt: number; responseStatus: number | null; error: string | null }
  | { status: 'abandoned'; responseStatus: number | null; error: string | null };

/**
 * The webhook outbox. Events are written by the store itself, in the transaction of the session
 * change they report (updateSession, purgeSessions, and a bound flow's transition to failed,
 * cancelled or unavailable), so a change is never committed without its event.
 */
export interface WebhookStore {
  /** Leases up to `limit` due events (pending or failing, next attempt ≤ now, no live lease) of `clientIds`; counts the attempt. */
  claimDueEvents(realNow: number, leaseUntil: number, clientIds: readonly string[], limit: number): Promise<WebhookEventRecord[]>;
  /** Records an attempt's end, only while the event is still held by the lease `leaseUntil`. */
  finishAttempt(id: string, leaseUntil: number, result: WebhookAttemptResult): Promise<boolean>;
  getEvent(id: string): Promise<WebhookEventRecord | undefined>;
  /** A client's events, newest first; with `status`, only those. */
  listEvents(clientId: string, options: { status?: readonly WebhookDeliveryStatus[]; limit: number }): Promise<WebhookEventRecord[]>;
  /** Due again now, whatever its state (a new retry window); false when the client has no such event. */
  redeliverEvent(id: string, clientId: string, realNow: number): Promise<boolean>;
  /** Deletes events recorded (or last redelivered) before `before`, whatever their state. */
  purgeEvents(before: number): Promise<void>;
}
