import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FlowQuery } from '../query.js';
import type { FlowMode, FlowOutcome, FlowPatch, FlowRecord, FlowStatus, FlowStore } from './types.js';

export const SQLITE_FILE = 'relay.sqlite';

/** Expired flows stay as secret-free tombstones this long, so a late call gets 410, not 404. */
const TOMBSTONE_MS = 60 * 60 * 1000;

const SCHEMA = `
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
`;

interface FlowRow {
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

const PATCH_COLUMNS: Record<keyof FlowPatch, string> = {
  status: 'status',
  bindingHash: 'binding_hash',
  outcome: 'outcome',
  sealed: 'sealed',
  consentedAt: 'consented_at',
  nextPollAt: 'next_poll_at',
  pollLockUntil: 'poll_lock_until',
};

/**
 * The embedded store: one SQLite file in `dataDir` (WAL, secure_delete). Purges checkpoint the
 * WAL with TRUNCATE so dropped secrets do not linger in the log file either.
 */
export function openSqliteFlowStore(dataDir: string): FlowStore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, SQLITE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('secure_delete = ON');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const insert = db.prepare(`
    INSERT INTO flows (id, state_hash, secret_hash, binding_hash, status, mode, return_url, request, retain_until,
                       outcome, sealed, created_at, expires_at, consented_at, next_poll_at, poll_lock_until)
    VALUES (@id, @state_hash, @secret_hash, @binding_hash, @status, @mode, @return_url, @request, @retain_until,
            @outcome, @sealed, @created_at, @expires_at, @consented_at, @next_poll_at, @poll_lock_until)`);
  const selectById = db.prepare<[string], FlowRow>('SELECT * FROM flows WHERE id = ?');
  const selectByState = db.prepare<[string], FlowRow>('SELECT * FROM flows WHERE state_hash = ?');
  const claimPoll = db.prepare(`
    UPDATE flows SET poll_lock_until = @lockUntil
    WHERE id = @id AND status = 'pending' AND (poll_lock_until IS NULL OR poll_lock_until <= @now)`);
  const expire = db.prepare(`
    UPDATE flows SET sealed = NULL, poll_lock_until = NULL,
      status = CASE WHEN status IN ('redeemed', 'cancelled', 'unavailable', 'failed') THEN status ELSE 'expired' END
    WHERE expires_at <= ? AND (sealed IS NOT NULL OR status NOT IN ('redeemed', 'cancelled', 'unavailable', 'failed', 'expired'))`);
  const deleteTombstones = db.prepare('DELETE FROM flows WHERE expires_at <= ?');

  const checkpoint = () => db.pragma('wal_checkpoint(TRUNCATE)');

  return {
    async insert(record) {
      insert.run(toRow(record));
    },
    async get(id) {
      const row = selectById.get(id);
      return row === undefined ? undefined : fromRow(row);
    },
    async getByStateHash(stateHash) {
      const row = selectByState.get(stateHash);
      return row === undefined ? undefined : fromRow(row);
    },
    async transition(id, from, patch) {
      const entries = (Object.entries(patch) as [keyof FlowPatch, FlowPatch[keyof FlowPatch]][]).filter(
        ([, value]) => value !== undefined,
      );
      if (entries.length === 0 || from.length === 0) throw new Error('transition needs a patch and a from status');
      const assignments = entries.map(([key]) => `${PATCH_COLUMNS[key]} = @${key}`);
      const values = Object.fromEntries(
        entries.map(([key, value]) => [key, key === 'outcome' && value !== null ? JSON.stringify(value) : value]),
      );
      const statusParams = Object.fromEntries(from.map((status, index) => [`from${index}`, status]));
      const statement = db.prepare(
        `UPDATE flows SET ${assignments.join(', ')} WHERE id = @id AND status IN (${from.map((_, index) => `@from${index}`).join(', ')})`,
      );
      const changed = statement.run({ ...values, ...statusParams, id }).changes === 1;
      // Dropping a sealed value is a purge: keep it out of the WAL as well.
      if (changed && patch.sealed === null) checkpoint();
      return changed;
    },
    async claimPoll(id, now, lockUntil) {
      return claimPoll.run({ id, now, lockUntil }).changes === 1;
    },
    async purgeExpired(now) {
      const expired = expire.run(now).changes;
      const deleted = deleteTombstones.run(now - TOMBSTONE_MS).changes;
      if (expired + deleted > 0) checkpoint();
    },
    async close() {
      checkpoint();
      db.close();
    },
  };
}

function toRow(record: FlowRecord): FlowRow {
  return {
    id: record.id,
    state_hash: record.stateHash,
    secret_hash: record.secretHash,
    binding_hash: record.bindingHash,
    status: record.status,
    mode: record.mode,
    return_url: record.returnUrl,
    request: JSON.stringify({ items: record.items, query: record.query }),
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

function fromRow(row: FlowRow): FlowRecord {
  const request = JSON.parse(row.request) as { items: string[]; query: FlowQuery };
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
