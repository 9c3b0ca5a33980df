export { assembleRelay, type Listening, type ListenOptions, type Relay, type RelayOverrides } from './assemble.js';
export { CALLBACK_PATH } from './routes/pages.js';
export { createClock, type RelayClock } from './clock.js';
export { ConfigError, loadConfig, type RelayConfig, type SmtpConfig } from './config.js';
export { composeFallbackMail, type MailContent } from './fallback/mail.js';
export { createSmtpMailer, MailDeliveryError, type Mailer, type OutgoingMail } from './fallback/mailer.js';
export type { MailWorker } from './fallback/worker.js';
export { loadRelayKeys, type RelayKeys } from './keys.js';
export { jsonLogger, silentLogger, type Logger, type LogLevel } from './log.js';
export { createPortalClient, type PortalClient } from './portal/client.js';
export { PROBLEM_CONTENT_TYPE } from '../protocol/index.js';
export { openSqliteFlowStore, openSqliteRelayStore, SQLITE_FILE } from './store/sqlite.js';
export { openPostgresRelayStore, type PostgresStoreOptions } from './store/postgres.js';
export { IdempotencyConflictError } from './store/types.js';
export type {
  FlowRecord,
  FlowStatus,
  FlowStore,
  IdempotencyRecord,
  RegistrationRecord,
  RegistrationStatus,
  RegistrationStore,
  RelayStore,
} from './store/types.js';
export type { FlowStatusAnswer, FlowResultData } from './flows/redeem.js';
export type { ResultRecord, ResultValue } from './flows/result-records.js';
export type { HandOffOutcome } from './flows/callback.js';
export type { FlowQuery } from './query.js';
export { apiKeyHash, generateApiKey } from './sessions/api-keys.js';
export { DEV_API_KEY, DEV_CLIENT_ID, type ClientConfig, type PurposeConfig } from './config.js';
export type { SessionRecord, SessionState, SessionStore } from './store/types.js';
