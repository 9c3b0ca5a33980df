import type { RelayConfig } from '../config.js';
import type { IdempotencyContext } from '../idempotency.js';
import type { RelayKeys } from '../keys.js';
import type { FlowStore, SessionStore } from '../store/types.js';

/** The settings provider sessions read. */
export const SESSION_SETTINGS = [
  'publicUrl',
  'allowedItems',
  'purposes',
  'sessionTtlSeconds',
  'resultTtlSeconds',
] as const satisfies readonly (keyof RelayConfig)[];
export type SessionSettings = Pick<RelayConfig, (typeof SESSION_SETTINGS)[number]>;

/** What the provider routes run on; built once per relay. */
export interface SessionContext extends SessionSettings, IdempotencyContext {
  sessions: SessionStore;
  flows: Pick<FlowStore, 'get' | 'transition'>;
  keys: Pick<RelayKeys, 'results' | 'subjectSecret'>;
}

/** Seal purposes of a session's secrets (bound with its id into the JWE header). */
export const SUBJECT_PURPOSE = 'session-subject';
export const RESULT_PURPOSE = 'session-result';
export const ANSWER_PURPOSE = 'session-answer';
