import type pg from 'pg';
import { inTransaction, MIGRATION_LOCK } from './postgres-transaction.js';

/**
 * Postgres schema, the same tables as the SQLite store (database.ts). Instants are epoch ms in
 * BIGINT; sealed values (JWE) and JSON stay TEXT. Never edit a shipped migration: append one.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE flows (
    id TEXT PRIMARY KEY,
    state_hash TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    binding_hash TEXT,
    status TEXT NOT NULL,
    mode TEXT NOT NULL,
    return_url TEXT NOT NULL,
    request TEXT NOT NULL,
    retain_until TEXT NOT NULL,
    outcome TEXT,
    sealed TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    consented_at BIGINT,
    next_poll_at BIGINT,
    poll_lock_until BIGINT
  );
  CREATE INDEX flows_expires_at ON flows (expires_at);
  CREATE TABLE registrations (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'sent', 'used')),
    reason TEXT NOT NULL,
    lang TEXT NOT NULL,
    request TEXT NOT NULL,
    flow_id TEXT,
    sealed_contact TEXT,
    sealed_return TEXT,
    created_at BIGINT NOT NULL,
    send_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_until BIGINT,
    sent_at BIGINT,
    link_expires_at BIGINT,
    used_at BIGINT,
    retain_until BIGINT NOT NULL
  );
  CREATE INDEX registrations_due ON registrations (status, send_at);
  CREATE INDEX registrations_retain_until ON registrations (retain_until);
  CREATE TABLE idempotency_keys (
    key_hash TEXT PRIMARY KEY,
    sealed_fingerprint TEXT NOT NULL,
    owner TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'done')),
    locked_until BIGINT NOT NULL,
    answer TEXT,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
  `,
  `
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('open', 'completed', 'subject_mismatch', 'expired')),
    reference TEXT,
    request TEXT NOT NULL,
    sealed_subject TEXT,
    sealed_result TEXT,
    flow_id TEXT,
    retain_until TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    completed_at BIGINT,
    result_expires_at BIGINT
  );
  CREATE INDEX sessions_expires_at ON sessions (expires_at);
  CREATE INDEX sessions_result_expires_at ON sessions (result_expires_at);
  `,
  `
  ALTER TABLE sessions ADD COLUMN event_sequence INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE webhook_events (
    id TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    session_id TEXT NOT NULL,
    type TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'failing', 'delivered', 'abandoned')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    lease_until BIGINT,
    last_response_status INTEGER,
    last_error TEXT,
    delivered_at BIGINT,
    redelivered_at BIGINT
  );
  CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE status IN ('pending', 'failing');
  CREATE INDEX webhook_events_client ON webhook_events (client_id, created_at);
  `,
];

/**
 * Applies the migrations not yet recorded in `relay_migrations`, in one transaction under an
 * advisory lock, so instances starting at the same moment migrate once and the others wait.
 */
export function migratePostgres(pool: pg.Pool): Promise<void> {
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS relay_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ applied: number }>('SELECT COALESCE(MAX(version), 0)::int AS applied FROM relay_migrations');
    for (let index = rows[0]?.applied ?? 0; index < POSTGRES_MIGRATIONS.length; index += 1) {
      await client.query(POSTGRES_MIGRATIONS[index]!);
      await client.query('INSERT INTO relay_migrations (version) VALUES ($1)', [index + 1]);
    }
  });
}
