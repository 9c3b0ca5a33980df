import type { FlowRecord, IdempotencyRecord, RegistrationRecord, SessionRecord } from '../../../src/server/index.js';

/** Records for the store tests, whatever the engine: override what a test is about. */
export const T0 = Date.UTC(2026, 0, 5, 3, 0, 0);
export const DAY = 24 * 60 * 60 * 1000;

export function flow(id: string, overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id,
    stateHash: `state-${id}`,
    secretHash: `secret-${id}`,
    bindingHash: null,
    status: 'created',
    mode: 'popup',
    returnUrl: 'http://localhost:5173/form',
    items: ['localTax.salaryRevenue'],
    query: { method: 'at', at: '2025-06-01' },
    purpose: { id: 'mortgage-prescreen', ja: '住宅ローンの事前審査', en: 'Mortgage pre-screening', retentionDays: 30 },
    sessionId: null,
    retainUntil: '2026-02-04',
    outcome: null,
    sealed: null,
    createdAt: T0,
    expiresAt: T0 + 600_000,
    consentedAt: null,
    nextPollAt: null,
    pollLockUntil: null,
    ...overrides,
  };
}

export function registration(id: string, overrides: Partial<RegistrationRecord> = {}): RegistrationRecord {
  return {
    id,
    status: 'waiting',
    reason: 'unavailable',
    lang: 'ja',
    items: ['localTax.salaryRevenue'],
    query: { method: 'latest' },
    flowId: null,
    sealedContact: `sealed-contact-${id}`,
    sealedReturn: `sealed-return-${id}`,
    createdAt: T0,
    sendAt: T0 + 1000,
    attempts: 0,
    claimedUntil: null,
    sentAt: null,
    linkExpiresAt: null,
    usedAt: null,
    retainUntil: T0 + 30 * DAY,
    ...overrides,
  };
}

export function key(keyHash: string, owner: string, overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  return {
    keyHash,
    sealedFingerprint: `fingerprint-${keyHash}`,
    owner,
    state: 'running',
    lockedUntil: T0 + 10_000,
    answer: null,
    expiresAt: T0 + DAY,
    ...overrides,
  };
}

export function session(id: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id,
    clientId: 'bank',
    tokenHash: `token-${id}`,
    state: 'open',
    reference: `APP-${id}`,
    items: ['localTax.salaryRevenue'],
    purpose: { id: 'mortgage-prescreen', ja: '住宅ローンの事前審査', en: 'Mortgage pre-screening', retentionDays: 30 },
    query: { method: 'latest' },
    returnUrl: null,
    sealedSubject: `sealed-subject-${id}`,
    sealedResult: null,
    flowId: null,
    retainUntil: '2026-02-04',
    createdAt: T0,
    expiresAt: T0 + 3_600_000,
    completedAt: null,
    resultExpiresAt: null,
    ...overrides,
  };
}
