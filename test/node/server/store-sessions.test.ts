import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IdempotencyConflictError, type RelayStore } from '../../../src/server/index.js';
import { STORE_ENGINES, type OpenedStore } from './store-engines.js';
import { T0, key, session } from './store-records.js';

const HOUR = 3_600_000;

for (const engine of STORE_ENGINES) {
  describe(`${engine.name} store: provider sessions`, () => {
    let opened: OpenedStore;
    let store: RelayStore;
    before(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    after(() => opened.close());

    it('stores and reads a session by id and by token hash; ids and tokens are unique', async () => {
      await store.insertSession(session('s1', { returnUrl: 'http://localhost:5173/form', query: { method: 'range', from: '2023-06-01', to: '2025-06-01' } }));
      const expected = session('s1', { returnUrl: 'http://localhost:5173/form', query: { method: 'range', from: '2023-06-01', to: '2025-06-01' } });
      assert.deepEqual(await store.getSession('s1'), expected);
      assert.deepEqual(await store.getSessionByTokenHash('token-s1'), expected);
      assert.equal(await store.getSession('missing'), undefined);
      await assert.rejects(store.insertSession(session('s1', { tokenHash: 'other' })), /UNIQUE|PRIMARY|duplicate key/);
      await assert.rejects(store.insertSession(session('s1b', { tokenHash: 'token-s1' })), /UNIQUE|duplicate key/);
    });

    it('changes state only from the expected one (compare-and-set), and deletes at once', async () => {
      await store.insertSession(session('s2'));
      assert.equal(await store.updateSession('s2', ['open'], { flowId: 'f1' }), true);
      assert.equal(await store.updateSession('s2', ['open'], { state: 'completed', sealedResult: 'r', sealedSubject: null, completedAt: T0 + 1, resultExpiresAt: T0 + HOUR }), true);
      assert.equal(await store.updateSession('s2', ['open'], { state: 'subject_mismatch' }), false);
      const stored = await store.getSession('s2');
      assert.deepEqual([stored?.state, stored?.flowId, stored?.sealedResult, stored?.sealedSubject, stored?.completedAt], ['completed', 'f1', 'r', null, T0 + 1]);
      assert.equal(await store.deleteSession('s2'), true);
      assert.equal(await store.deleteSession('s2'), false);
      assert.equal(await store.getSession('s2'), undefined);
    });

    it('commits a session and its idempotency key together, or neither', async () => {
      await store.claimIdempotency(key('k1', 'owner-1'), null);
      await store.insertSession(session('s3'), { keyHash: 'k1', owner: 'owner-1', answer: '"sealed"' });
      assert.equal((await store.getIdempotency('k1'))?.state, 'done');
      await store.claimIdempotency(key('k2', 'owner-2'), null);
      await assert.rejects(store.insertSession(session('s4'), { keyHash: 'k2', owner: 'someone-else', answer: '"x"' }), IdempotencyConflictError);
      assert.equal(await store.getSession('s4'), undefined);
    });

    it('purges: open sessions expire (subject dropped), results go at their lifetime, rows after a grace period', async () => {
      await store.insertSession(session('p-open', { expiresAt: T0 + HOUR }));
      await store.insertSession(session('p-done', { state: 'completed', sealedSubject: null, sealedResult: 'result', completedAt: T0, resultExpiresAt: T0 + 2 * HOUR }));
      await store.purgeSessions(T0 + HOUR);
      assert.deepEqual([(await store.getSession('p-open'))?.state, (await store.getSession('p-open'))?.sealedSubject], ['expired', null]);
      assert.equal((await store.getSession('p-done'))?.sealedResult, 'result');
      await store.purgeSessions(T0 + 2 * HOUR);
      assert.equal((await store.getSession('p-done'))?.sealedResult, null);
      await store.purgeSessions(T0 + 4 * HOUR);
      assert.equal(await store.getSession('p-open'), undefined);
      assert.equal(await store.getSession('p-done'), undefined);
    });
  });
}
