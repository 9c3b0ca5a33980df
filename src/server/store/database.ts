import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { IdempotencyConflictError, type IdempotencyCompletion } from './types.js';

export const SQLITE_FILE = 'relay.sqlite';

/**
 * Schema migrations, applied in order on open; `PRAGMA user_version` records how many ran. Never
 * edit a shipped migration: append a new one. The first uses IF NOT EXISTS because databases
 * created before migrations existed already hold the flows table.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE IF NOT EXISTS flows (
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
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    consented_at INTEGER,
    next_poll_at INTEGER,
    poll_lock_until INTEGER
  ) STRICT;
  CREATE INDEX IF NOT EXISTS flows_expires_at ON flows (expires_at);
  `,
  `
  CREATE TABLE registrations (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'sent', 'used')),
    reason TEXT NOT NULL,
    lang TEXT NOT NULL,
    request TEXT NOT NULL,
    flow_id TEXT,
    sealed_contact TEXT,
    sealed_return TEXT,
    created_at INTEGER NOT NULL,
    send_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_until INTEGER,
    sent_at INTEGER,
    link_expires_at INTEGER,
    used_at INTEGER,
    retain_until INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX registrations_due ON registrations (status, send_at);
  CREATE INDEX registrations_retain_until ON registrations (retain_until);
  CREATE TABLE idempotency_keys (
    key_hash TEXT PRIMARY KEY,
    sealed_fingerprint TEXT NOT NULL,
    owner TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'done')),
    locked_until INTEGER NOT NULL,
    answer TEXT,
    expires_at INTEGER NOT NULL
  ) STRICT;
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
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    completed_at INTEGER,
    result_expires_at INTEGER
  ) STRICT;
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
    created_at INTEGER NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'failing', 'delivered', 'abandoned')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    lease_until INTEGER,
    last_response_status INTEGER,
    last_error TEXT,
    delivered_at INTEGER,
    redelivered_at INTEGER
  ) STRICT;
  CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE status IN ('pending', 'failing');
  CREATE INDEX webhook_events_client ON webhook_events (client_id, created_at);
  `,
];

/**
 * Opens (creating if needed) the relay's SQLite file: WAL, `synchronous=FULL` (a commit is on
 * disk before the call returns), `secure_delete=ON` (deleted content is zeroed), then migrates.
 */
export function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, SQLITE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('secure_delete = ON');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Database.Database): void {
  // IMMEDIATE: takes the write lock before reading the version, so two processes opening the
  // same file at once do not both run a migration.
  db.transaction(() => {
    const applied = db.pragma('user_version', { simple: true }) as number;
    for (let index = applied; index < MIGRATIONS.length; index += 1) db.exec(MIGRATIONS[index]!);
    if (applied < MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

/**
 * A transaction inserting one row with `insert`; with an idempotency key, marking it done with its
 * answer first. Throws IdempotencyConflictError, writing nothing, if the key is no longer held.
 */
export function insertCompletingKey<Row>(db: Database.Database, insert: Database.Statement<[Row]>): Database.Transaction<(row: Row, idempotency?: IdempotencyCompletion) => void> {
  const completeKey = db.prepare(`
    UPDATE idempotency_keys SET state = 'done', answer = @answer WHERE key_hash = @keyHash AND owner = @owner AND state = 'running'`);
  return db.transaction((row: Row, idempotency?: IdempotencyCompletion) => {
    if (idempotency !== undefined && completeKey.run(idempotency).changes !== 1) throw new IdempotencyConflictError();
    insert.run(row);
  });
}
