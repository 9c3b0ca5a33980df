import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openSqliteFlowStore, SQLITE_FILE, type FlowRecord, type FlowStore } from '../../../src/relay/index.js';
import { temporaryDir } from './helpers.js';

const T0 = Date.UTC(2026, 0, 5, 3, 0, 0);

function flow(id: string, overrides: Partial<FlowRecord> = {}): FlowRecord {
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

async function rawFiles(dir: string): Promise<Buffer> {
  const files = [SQLITE_FILE, `${SQLITE_FILE}-wal`].map((name) => join(dir, name)).filter((file) => existsSync(file));
  return Buffer.concat(await Promise.all(files.map((file) => readFile(file))));
}

describe('SQLite flow store', () => {
  let dir: Awaited<ReturnType<typeof temporaryDir>>;
  let store: FlowStore;
  before(async () => {
    dir = await temporaryDir();
    store = openSqliteFlowStore(dir.path);
  });
  after(async () => {
    await store.close();
    await dir.remove();
  });

  it('stores and reads a flow by id and by state hash', async () => {
    await store.insert(flow('a'));
    assert.deepEqual(await store.get('a'), flow('a'));
    assert.deepEqual(await store.getByStateHash('state-a'), flow('a'));
    assert.equal(await store.get('missing'), undefined);
    await assert.rejects(store.insert(flow('a')), /UNIQUE|PRIMARY/);
  });

  it('changes state only from the expected status (compare-and-set)', async () => {
    await store.insert(flow('b'));
    assert.equal(await store.transition('b', ['created'], { status: 'launched', bindingHash: 'h' }), true);
    assert.equal(await store.transition('b', ['created'], { status: 'launched', bindingHash: 'other' }), false);
    assert.equal((await store.get('b'))?.bindingHash, 'h');
    const outcome = { kind: 'failed', code: 'x', retryable: false } as const;
    assert.equal(await store.transition('b', ['launched', 'pending'], { status: 'failed', outcome }), true);
    assert.deepEqual((await store.get('b'))?.outcome, outcome);
  });

  it('lets one caller at a time poll a pending flow', async () => {
    await store.insert(flow('c', { status: 'pending' }));
    assert.equal(await store.claimPoll('c', T0, T0 + 1000), true);
    assert.equal(await store.claimPoll('c', T0 + 10, T0 + 1010), false);
    assert.equal(await store.claimPoll('c', T0 + 1000, T0 + 2000), true);
    await store.insert(flow('d'));
    assert.equal(await store.claimPoll('d', T0, T0 + 1000), false, 'not pending');
  });

  it('purges expired secrets from the database and its WAL, then forgets the flow', async () => {
    const sealed = `eyJhbGciOiJBMjU2S1ci.${'Q'.repeat(40)}.sealed-marker-${'Z'.repeat(30)}`;
    await store.insert(flow('e', { status: 'pending', sealed }));
    await store.insert(flow('f', { status: 'redeemed', expiresAt: T0 + 600_000 }));
    await store.insert(flow('g', { sealed: 'still-valid-marker', expiresAt: T0 + 3_600_000 }));
    assert.ok((await rawFiles(dir.path)).includes('sealed-marker'), 'precondition: the blob is on disk');

    await store.purgeExpired(T0 + 600_000);
    const expired = await store.get('e');
    assert.equal(expired?.status, 'expired');
    assert.equal(expired?.sealed, null);
    assert.equal((await store.get('f'))?.status, 'redeemed', 'a redeemed tombstone stays redeemed');
    assert.equal((await store.get('g'))?.sealed, 'still-valid-marker');
    assert.ok(!(await rawFiles(dir.path)).includes('sealed-marker'), 'secure_delete + WAL truncate leave no copy');

    await store.purgeExpired(T0 + 600_000 + 60 * 60 * 1000);
    assert.equal(await store.get('e'), undefined);
    assert.equal(await store.get('f'), undefined);
  });
});
