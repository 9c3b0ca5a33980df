import type { FlowQuery } from '../query.js';
import { openDatabase, SQLITE_FILE } from './database.js';
import { registrationStatements } from './sqlite-registrations.js';
import type { FlowMode, FlowOutcome, FlowPatch, FlowRecord, FlowStatus, RelayStore } from './types.js';

export { SQLITE_FILE };

/** Expired flows stay as secret-free tombstones this long, so a late call gets 410, not 404. */
const TOMBSTONE_MS = 60 * 60 * 1000;

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
 * The embedded store: one SQLite file in `dataDir` (WAL, synchronous=FULL, secure_delete), flows
 * and fallback registrations on one connection. Purges checkpoint the WAL with TRUNCATE so
 * dropped secrets do not linger in the log file either.
 */
export function openSqliteRelayStore(dataDir: string): RelayStore {
  const db = openDatabase(dataDir);

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
  let closed = false;

  return {
    ...registrationStatements(db, checkpoint),
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
      if (closed) return;
      closed = true;
      checkpoint();
      db.close();
    },
  };
}

/** The flow store alone (the same object: it also keeps registrations). */
export const openSqliteFlowStore = openSqliteRelayStore;

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
