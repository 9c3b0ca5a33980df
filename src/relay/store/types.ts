import type { FlowQuery } from '../query.js';

export type FlowMode = 'popup' | 'redirect' | 'kiosk';

export type CancelStep = 'portal' | 'card_locked' | 'widget';

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
  | { kind: 'failed'; code: string; retryable: boolean };

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
