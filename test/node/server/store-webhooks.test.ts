import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { webhookEvent } from '../../../src/protocol/index.js';
import type { RelayStore } from '../../../src/server/index.js';
import { STORE_ENGINES, type OpenedStore } from './store-engines.js';
import { T0, flow, session } from './store-records.js';

const HOUR = 3_600_000;

for (const engine of STORE_ENGINES) {
  describe(`${engine.name} store: the webhook outbox`, () => {
    let opened: OpenedStore;
    let store: RelayStore;
    before(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    after(() => opened.close());

    const eventsOf = async (sessionId: string) =>
      (await store.listEvents('bank', { limit: 100 })).filter((event) => event.sessionId === sessionId).sort((a, b) => a.sequence - b.sequence);

    it('a session change and its event commit together; sequence grows per session; a lost compare-and-set records nothing', async () => {
      await store.insertSession(session('w1'));
      await store.insert(flow('f-w1a', { sessionId: 'w1', status: 'launched' }));
      assert.equal(await store.transition('f-w1a', ['launched'], { status: 'cancelled', outcome: { kind: 'cancelled', step: 'portal' } }), true);
      assert.equal(await store.transition('f-w1a', ['launched'], { status: 'failed' }), false, 'lost: no second event');
      await store.insert(flow('f-w1b', { sessionId: 'w1', stateHash: 'state-w1b', status: 'pending' }));
      assert.equal(await store.transition('f-w1b', ['pending'], { pollLockUntil: null }), true, 'no status change: no event');
      assert.equal(await store.updateSession('w1', ['open'], { state: 'completed', sealedResult: 'r', completedAt: T0, resultExpiresAt: T0 + HOUR }), true);
      // The session is final: a late failure of its flow reports nothing.
      assert.equal(await store.transition('f-w1b', ['pending'], { status: 'failed', outcome: { kind: 'failed', code: 'session-closed', retryable: false } }), true);

      const events = await eventsOf('w1');
      assert.deepEqual(events.map((event) => [event.type, event.sequence, event.status]), [
        ['session.cancelled', 1, 'pending'],
        ['session.completed', 2, 'pending'],
      ]);
      const body = webhookEvent.parse(JSON.parse(events[1]!.body));
      assert.deepEqual(body.data, { sessionId: 'w1', reference: 'APP-w1', status: 'completed' });
      assert.equal(body.id, events[1]!.id);
      assert.match(body.id, /^evt_[A-Za-z0-9_-]{22}$/);
    });

    it('unavailable and failed read as session.failed; an unbound flow and a deleted session record nothing', async () => {
      await store.insertSession(session('w2'));
      await store.insert(flow('f-w2', { sessionId: 'w2', stateHash: 'state-w2', status: 'exchanging' }));
      await store.transition('f-w2', ['exchanging'], { status: 'unavailable', outcome: { kind: 'unavailable', nextAvailableAt: null, servers: [] } });
      assert.deepEqual((await eventsOf('w2')).map((event) => event.type), ['session.failed']);

      await store.insert(flow('f-unbound', { stateHash: 'state-unbound', status: 'launched' }));
      const before = (await store.listEvents('bank', { limit: 100 })).length;
      await store.transition('f-unbound', ['launched'], { status: 'failed', outcome: { kind: 'failed', code: 'portal-error', retryable: true } });
      await store.insertSession(session('w3'));
      await store.insert(flow('f-w3', { sessionId: 'w3', stateHash: 'state-w3', status: 'launched' }));
      await store.deleteSession('w3');
      await store.transition('f-w3', ['launched'], { status: 'failed', outcome: { kind: 'failed', code: 'session-closed', retryable: false } });
      assert.equal((await store.listEvents('bank', { limit: 100 })).length, before);
    });

    it('the purge expires open sessions with a session.expired event each', async () => {
      await store.insertSession(session('w4', { expiresAt: T0 + 10 }));
      await store.purgeSessions(T0 + 11);
      assert.deepEqual((await eventsOf('w4')).map((event) => [event.type, event.sequence]), [['session.expired', 1]]);
      await store.purgeSessions(T0 + 12);
      assert.equal((await eventsOf('w4')).length, 1, 'once');
    });

    it('leases: a due event goes to one claimer at a time, attempts count, only the lease holder records the outcome', async () => {
      await store.insertSession(session('w5', { clientId: 'other' }));
      await store.updateSession('w5', ['open'], { state: 'subject_mismatch' });
      const now = Date.now() + 1000;
      const first = await store.claimDueEvents(now, now + 60_000, ['other'], 10);
      assert.deepEqual(first.map((event) => [event.type, event.attempts]), [['session.subject_mismatch', 1]]);
      assert.deepEqual(await store.claimDueEvents(now, now + 60_000, ['other'], 10), [], 'held by the lease');
      assert.deepEqual(await store.claimDueEvents(now, now + 60_000, ['bank-without-this-event'], 10), []);
      const event = first[0]!;
      assert.equal(await store.finishAttempt(event.id, now + 1, { status: 'delivered', at: now, responseStatus: 200 }), false, 'another lease');
      assert.equal(await store.finishAttempt(event.id, now + 60_000, { status: 'failing', nextAttemptAt: now + 5000, responseStatus: 500, error: null }), true);
      assert.deepEqual(await store.claimDueEvents(now + 4999, now + 70_000, ['other'], 10), [], 'not due yet');
      const second = await store.claimDueEvents(now + 5000, now + 70_000, ['other'], 10);
      assert.equal(second[0]?.attempts, 2);
      await store.finishAttempt(event.id, now + 70_000, { status: 'abandoned', responseStatus: null, error: 'timeout' });
      assert.deepEqual(await store.claimDueEvents(now + 1e9, now + 1e9, ['other'], 10), [], 'abandoned is not retried');
      const [listed] = await store.listEvents('other', { status: ['failing', 'abandoned'], limit: 10 });
      assert.deepEqual([listed?.status, listed?.lastError, listed?.lastResponseStatus, listed?.attempts], ['abandoned', 'timeout', null, 2]);

      assert.equal(await store.redeliverEvent(event.id, 'bank', now), false, "another client's event");
      assert.equal(await store.redeliverEvent(event.id, 'other', now + 100), true);
      const again = await store.claimDueEvents(now + 100, now + 200, ['other'], 10);
      assert.deepEqual([again[0]?.id, again[0]?.redeliveredAt], [event.id, now + 100]);
      await store.finishAttempt(event.id, now + 200, { status: 'delivered', at: now + 150, responseStatus: 204 });
      assert.deepEqual([(await store.getEvent(event.id))?.status, (await store.getEvent(event.id))?.deliveredAt], ['delivered', now + 150]);

      await store.purgeEvents(Date.now() + 10_000);
      assert.equal(await store.getEvent(event.id), undefined, 'delivered events go after the retention');
      assert.deepEqual(await store.listEvents('bank', { limit: 100 }), [], 'and never-sent ones (a client without a webhook URL) too');
    });
  });
}
