import type { FlowQuery } from '../query.js';
import type {
  FallbackReason,
  FlowMode,
  FlowOutcome,
  FlowPatch,
  FlowRecord,
  FlowStatus,
  IdempotencyRecord,
  MailLanguage,
  PurposeText,
  RegistrationRecord,
  RegistrationStatus,
  SessionPatch,
  SessionRecord,
  SessionState,
} from './types.js';

/** Expired flows stay as secret-free tombstones this long, so a late call gets 410, not 404. */
export const TOMBSTONE_MS = 60 * 60 * 1000;

/** Table rows as both engines store them (snake_case columns, JSON as text, instants as epoch ms). */
export interface FlowRow {
  id: string;
  state_hash: string;
  secret_hash: string;
  binding_hash: string | null;
  status: string;
  mode: string;
  return_url: string;
  request: string;
  retain_until: string;
  outcome: string | null;
  sealed: string | null;
  created_at: number;
  expires_at: number;
  consented_at: number | null;
  next_poll_at: number | null;
  poll_lock_until: number | null;
}

export interface RegistrationRow {
  id: string;
  status: string;
  reason: string;
  lang: string;
  request: string;
  flow_id: string | null;
  sealed_contact: string | null;
  sealed_return: string | null;
  created_at: number;
  send_at: number;
  attempts: number;
  claimed_until: number | null;
  sent_at: number | null;
  link_expires_at: number | null;
  used_at: number | null;
  retain_until: number;
}

export interface SessionRow {
  id: string;
  client_id: string;
  token_hash: string;
  state: string;
  reference: string | null;
  request: string;
  sealed_subject: string | null;
  sealed_result: string | null;
  flow_id: string | null;
  retain_until: string;
  created_at: number;
  expires_at: number;
  completed_at: number | null;
  result_expires_at: number | null;
}

export interface IdempotencyRow {
  key_hash: string;
  sealed_fingerprint: string;
  owner: string;
  state: string;
  locked_until: number;
  answer: string | null;
  expires_at: number;
}

/** FlowPatch keys and their columns. */
export const PATCH_COLUMNS: Record<keyof FlowPatch, string> = {
  status: 'status',
  bindingHash: 'binding_hash',
  outcome: 'outcome',
  sealed: 'sealed',
  consentedAt: 'consented_at',
  nextPollAt: 'next_poll_at',
  pollLockUntil: 'poll_lock_until',
};

export function flowToRow(record: FlowRecord): FlowRow {
  return {
    id: record.id,
    state_hash: record.stateHash,
    secret_hash: record.secretHash,
    binding_hash: record.bindingHash,
    status: record.status,
    mode: record.mode,
    return_url: record.returnUrl,
    request: JSON.stringify({ items: record.items, query: record.query, purpose: record.purpose, sessionId: record.sessionId }),
    retain_until: record.retainUntil,
    outcome: record.outcome === null ? null : JSON.stringify(record.outcome),
    sealed: record.sealed,
    created_at: record.createdAt,
    expires_at: record.expiresAt,
    consented_at: record.consentedAt,
    next_poll_at: record.nextPollAt,
    poll_lock_until: record.pollLockUntil,
  };
}

export function flowFromRow(row: FlowRow): FlowRecord {
  const request = JSON.parse(row.request) as { items: string[]; query: FlowQuery; purpose?: PurposeText; sessionId?: string | null };
  return {
    id: row.id,
    stateHash: row.state_hash,
    secretHash: row.secret_hash,
    bindingHash: row.binding_hash,
    status: row.status as FlowStatus,
    mode: row.mode as FlowMode,
    returnUrl: row.return_url,
    items: request.items,
    query: request.query,
    purpose: request.purpose ?? null,
    sessionId: request.sessionId ?? null,
    retainUntil: row.retain_until,
    outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as FlowOutcome),
    sealed: row.sealed,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    consentedAt: row.consented_at,
    nextPollAt: row.next_poll_at,
    pollLockUntil: row.poll_lock_until,
  };
}

export function registrationToRow(record: RegistrationRecord): RegistrationRow {
  return {
    id: record.id,
    status: record.status,
    reason: record.reason,
    lang: record.lang,
    request: JSON.stringify({ items: record.items, query: record.query }),
    flow_id: record.flowId,
    sealed_contact: record.sealedContact,
    sealed_return: record.sealedReturn,
    created_at: record.createdAt,
    send_at: record.sendAt,
    attempts: record.attempts,
    claimed_until: record.claimedUntil,
    sent_at: record.sentAt,
    link_expires_at: record.linkExpiresAt,
    used_at: record.usedAt,
    retain_until: record.retainUntil,
  };
}

export function registrationFromRow(row: RegistrationRow): RegistrationRecord {
  const request = JSON.parse(row.request) as { items: string[]; query: FlowQuery };
  return {
    id: row.id,
    status: row.status as RegistrationStatus,
    reason: row.reason as FallbackReason,
    lang: row.lang as MailLanguage,
    items: request.items,
    query: request.query,
    flowId: row.flow_id,
    sealedContact: row.sealed_contact,
    sealedReturn: row.sealed_return,
    createdAt: row.created_at,
    sendAt: row.send_at,
    attempts: row.attempts,
    claimedUntil: row.claimed_until,
    sentAt: row.sent_at,
    linkExpiresAt: row.link_expires_at,
    usedAt: row.used_at,
    retainUntil: row.retain_until,
  };
}

export const SESSION_PATCH_COLUMNS: Record<keyof SessionPatch, string> = {
  state: 'state',
  sealedSubject: 'sealed_subject',
  sealedResult: 'sealed_result',
  flowId: 'flow_id',
  expiresAt: 'expires_at',
  completedAt: 'completed_at',
  resultExpiresAt: 'result_expires_at',
};

export function sessionToRow(record: SessionRecord): SessionRow {
  return {
    id: record.id,
    client_id: record.clientId,
    token_hash: record.tokenHash,
    state: record.state,
    reference: record.reference,
    request: JSON.stringify({ items: record.items, purpose: record.purpose, query: record.query, returnUrl: record.returnUrl }),
    sealed_subject: record.sealedSubject,
    sealed_result: record.sealedResult,
    flow_id: record.flowId,
    retain_until: record.retainUntil,
    created_at: record.createdAt,
    expires_at: record.expiresAt,
    completed_at: record.completedAt,
    result_expires_at: record.resultExpiresAt,
  };
}

export function sessionFromRow(row: SessionRow): SessionRecord {
  const request = JSON.parse(row.request) as { items: string[]; purpose: PurposeText; query: FlowQuery; returnUrl: string | null };
  return {
    id: row.id,
    clientId: row.client_id,
    tokenHash: row.token_hash,
    state: row.state as SessionState,
    reference: row.reference,
    items: request.items,
    purpose: request.purpose,
    query: request.query,
    returnUrl: request.returnUrl,
    sealedSubject: row.sealed_subject,
    sealedResult: row.sealed_result,
    flowId: row.flow_id,
    retainUntil: row.retain_until,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    completedAt: row.completed_at,
    resultExpiresAt: row.result_expires_at,
  };
}

export function keyFromRow(row: IdempotencyRow): IdempotencyRecord {
  return {
    keyHash: row.key_hash,
    sealedFingerprint: row.sealed_fingerprint,
    owner: row.owner,
    state: row.state as IdempotencyRecord['state'],
    lockedUntil: row.locked_until,
    answer: row.answer,
    expiresAt: row.expires_at,
  };
}

/** Every key of T, each once: a compile error when a column is added to the row but not listed. */
type AllKeys<T, List extends readonly (keyof T)[]> = Exclude<keyof T, List[number]> extends never ? List : never;

function columns<T>() {
  return <const List extends readonly (keyof T)[]>(list: AllKeys<T, List>): List => list;
}

/** Column order for positional statements (Postgres). */
export const FLOW_COLUMNS = columns<FlowRow>()([
  'id', 'state_hash', 'secret_hash', 'binding_hash', 'status', 'mode', 'return_url', 'request', 'retain_until',
  'outcome', 'sealed', 'created_at', 'expires_at', 'consented_at', 'next_poll_at', 'poll_lock_until',
]);

export const REGISTRATION_COLUMNS = columns<RegistrationRow>()([
  'id', 'status', 'reason', 'lang', 'request', 'flow_id', 'sealed_contact', 'sealed_return', 'created_at', 'send_at',
  'attempts', 'claimed_until', 'sent_at', 'link_expires_at', 'used_at', 'retain_until',
]);

export const SESSION_COLUMNS = columns<SessionRow>()([
  'id', 'client_id', 'token_hash', 'state', 'reference', 'request', 'sealed_subject', 'sealed_result', 'flow_id',
  'retain_until', 'created_at', 'expires_at', 'completed_at', 'result_expires_at',
]);
