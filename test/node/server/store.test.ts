import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IdempotencyConflictError, SQLITE_FILE, type RelayStore } from '../../../src/server/index.js';
import { STORE_ENGINES, type OpenedStore } from './store-engines.js';
import { DAY, T0, flow, key, registration } from './store-records.js';

async function rawFiles(dir: string): Promise<Buffer> {
  const files = [SQLITE_FILE, `${SQLITE_FILE}-wal`].map((name) => join(dir, name)).filter((file) => existsSync(file));
  return Buffer.concat(await Promise.all(files.map((file) => readFile(file))));
}

for (const engine of STORE_ENGINES) {
  describe(`${engine.name} relay store`, () => {
    let opened: OpenedStore;
    let store: RelayStore;
    before(async () => {
      opened = await engine.open();
      store = opened.store;
    });
    after(() => opened.close());

    it('stores and reads a flow by id and by state hash', async () => {
      await store.insert(flow('a', { outcome: { kind: 'cancelled', step: 'portal' }, consentedAt: T0 + 5 }));
      const expected = flow('a', { outcome: { kind: 'cancelled', step: 'portal' }, consentedAt: T0 + 5 });
      assert.deepEqual(await store.get('a'), expected, 'instants come back as numbers, JSON as objects');
      assert.deepEqual(await store.getByStateHash('state-a'), expected);
      assert.equal(await store.get('missing'), undefined);
      await assert.rejects(store.insert(flow('a')), /UNIQUE|PRIMARY|duplicate key/);
    });

    it('changes state only from the expected status (compare-and-set)', async () => {
      await store.insert(flow('b'));
      assert.equal(await store.transition('b', ['created'], { status: 'launched', bindingHash: 'h' }), true);
      assert.equal(await store.transition('b', ['created'], { status: 'launched', bindingHash: 'other' }), false);
      assert.equal((await store.get('b'))?.bindingHash, 'h');
      const outcome = { kind: 'failed', code: 'relay-error', retryable: false } as const;
      assert.equal(await store.transition('b', ['launched', 'pending'], { status: 'failed', outcome }), true);
      assert.deepEqual((await store.get('b'))?.outcome, outcome);
      assert.equal(await store.transition('missing', ['created'], { status: 'launched' }), false);
    });

    it('lets one caller at a time poll a pending flow', async () => {
      await store.insert(flow('c', { status: 'pending' }));
      assert.equal(await store.claimPoll('c', T0, T0 + 1000), true);
      assert.equal(await store.claimPoll('c', T0 + 10, T0 + 1010), false);
      assert.equal(await store.claimPoll('c', T0 + 1000, T0 + 2000), true);
      assert.equal((await store.get('c'))?.pollLockUntil, T0 + 2000);
      await store.insert(flow('d'));
      assert.equal(await store.claimPoll('d', T0, T0 + 1000), false, 'not pending');
    });

    it('purges expired secrets, then forgets the flow', async () => {
      const sealed = `eyJhbGciOiJBMjU2S1ci.${'Q'.repeat(40)}.sealed-marker-${'Z'.repeat(30)}`;
      await store.insert(flow('e', { status: 'pending', sealed }));
      await store.insert(flow('f', { status: 'redeemed', expiresAt: T0 + 600_000 }));
      await store.insert(flow('g', { sealed: 'still-valid-marker', expiresAt: T0 + 3_600_000 }));
      if (engine.name === 'SQLite') assert.ok((await rawFiles(opened.location)).includes('sealed-marker'), 'precondition: the blob is on disk');

      await store.purgeExpired(T0 + 600_000);
      const expired = await store.get('e');
      assert.equal(expired?.status, 'expired');
      assert.equal(expired?.sealed, null);
      assert.equal((await store.get('f'))?.status, 'redeemed', 'a redeemed tombstone stays redeemed');
      assert.equal((await store.get('g'))?.sealed, 'still-valid-marker');
      if (engine.name === 'SQLite') {
        assert.ok(!(await rawFiles(opened.location)).includes('sealed-marker'), 'secure_delete + WAL truncate leave no copy');
      }

      await store.purgeExpired(T0 + 600_000 + 60 * 60 * 1000);
      assert.equal(await store.get('e'), undefined);
      assert.equal(await store.get('f'), undefined);
      assert.equal((await store.get('g'))?.status, 'expired', 'its own expiry passed meanwhile');
    });

    it('stores a registration and leases due rows in send order, each to one claim at a time', async () => {
      await store.insertRegistration(registration('r-late', { sendAt: T0 + 3000 }));
      await store.insertRegistration(registration('r-early', { sendAt: T0 + 2000 }));
      await store.insertRegistration(registration('r-future', { sendAt: T0 + DAY }));
      await store.insertRegistration(registration('r-retained', { sendAt: T0 + 2500, retainUntil: T0 + 2600 }));
      assert.deepEqual(await store.getRegistration('r-late'), registration('r-late', { sendAt: T0 + 3000 }));
      assert.equal(await store.getRegistration('missing'), undefined);

      const now = T0 + 5000;
      const realNow = 1_000;
      const leased = await store.claimDueRegistrations(now, realNow, realNow + 500, 10);
      assert.deepEqual(
        leased.map((row) => [row.id, row.attempts, row.claimedUntil]),
        [
          ['r-early', 1, realNow + 500],
          ['r-late', 1, realNow + 500],
        ],
        'due, within retention, oldest first',
      );
      assert.deepEqual(await store.claimDueRegistrations(now, realNow + 499, realNow + 999, 10), [], 'leased rows are held');
      const again = await store.claimDueRegistrations(now, realNow + 500, realNow + 1000, 1);
      assert.deepEqual(
        again.map((row) => [row.id, row.attempts]),
        [['r-early', 2]],
        'a lapsed lease is taken again; the limit holds',
      );

      assert.equal(await store.rescheduleRegistration('r-early', T0 + 9000), true);
      assert.equal(await store.rescheduleRegistration('r-early', T0 + 9000), false, 'only while claimed');
      const rescheduled = await store.getRegistration('r-early');
      assert.deepEqual([rescheduled?.sendAt, rescheduled?.claimedUntil, rescheduled?.status], [T0 + 9000, null, 'waiting']);
    });

    it('marks a registration sent once (dropping the address), then used once (dropping the return URL)', async () => {
      await store.insertRegistration(registration('m1'));
      assert.equal(await store.markRegistrationSent('m1', T0 + 10, T0 + 7 * DAY), true);
      assert.equal(await store.markRegistrationSent('m1', T0 + 20, T0 + 8 * DAY), false);
      const sent = await store.getRegistration('m1');
      assert.deepEqual([sent?.status, sent?.sealedContact, sent?.sentAt, sent?.linkExpiresAt], ['sent', null, T0 + 10, T0 + 7 * DAY]);

      assert.equal(await store.markRegistrationUsed('m1', T0 + 30, T0 + 9 * DAY), true);
      assert.equal(await store.markRegistrationUsed('m1', T0 + 40, T0 + 9 * DAY), false);
      const used = await store.getRegistration('m1');
      assert.deepEqual([used?.status, used?.sealedReturn, used?.usedAt, used?.linkExpiresAt], ['used', null, T0 + 30, T0 + 7 * DAY]);

      await store.insertRegistration(registration('m2'));
      assert.equal(await store.markRegistrationUsed('m2', T0 + 30, T0 + 9 * DAY), true, 'a mail whose "sent" was lost is honoured');
      const unrecorded = await store.getRegistration('m2');
      assert.deepEqual([unrecorded?.status, unrecorded?.sealedContact, unrecorded?.linkExpiresAt], ['used', null, T0 + 9 * DAY]);
    });

    it('hands an idempotency key to one owner, commits it with the registration, and releases it', async () => {
      assert.equal(await store.claimIdempotency(key('k1', 'owner-a'), null), true);
      assert.equal(await store.claimIdempotency(key('k1', 'owner-b'), null), false, 'held');
      assert.equal(await store.claimIdempotency(key('k1', 'owner-c'), 'owner-x'), false, 'take-over names the wrong holder');
      assert.equal(await store.claimIdempotency(key('k1', 'owner-b', { lockedUntil: T0 + 20_000 }), 'owner-a'), true, 'take-over');
      assert.deepEqual(await store.getIdempotency('k1'), key('k1', 'owner-b', { lockedUntil: T0 + 20_000 }));

      await assert.rejects(
        store.insertRegistration(registration('i-lost'), { keyHash: 'k1', owner: 'owner-a', answer: '{"registrationId":"i-lost"}' }),
        IdempotencyConflictError,
      );
      assert.equal(await store.getRegistration('i-lost'), undefined, 'nothing written for a lost key');

      await store.insertRegistration(registration('i-won'), { keyHash: 'k1', owner: 'owner-b', answer: '{"registrationId":"i-won"}' });
      const done = await store.getIdempotency('k1');
      assert.deepEqual([done?.state, done?.answer], ['done', '{"registrationId":"i-won"}']);
      assert.equal((await store.getRegistration('i-won'))?.id, 'i-won');
      assert.equal(await store.claimIdempotency(key('k1', 'owner-c'), 'owner-b'), false, 'a done key is not taken over');

      assert.equal(await store.claimIdempotency(key('k2', 'owner-a'), null), true);
      await store.releaseIdempotency('k2', 'owner-b');
      assert.equal((await store.getIdempotency('k2'))?.owner, 'owner-a', 'only the holder releases');
      await store.releaseIdempotency('k2', 'owner-a');
      assert.equal(await store.getIdempotency('k2'), undefined);
    });

    it('purges registrations past retention or link expiry, and expired keys', async () => {
      const now = T0 + 100 * DAY;
      await store.insertRegistration(registration('p-retained', { retainUntil: now }));
      await store.insertRegistration(registration('p-link', { status: 'sent', sealedContact: null, linkExpiresAt: now, retainUntil: now + DAY }));
      await store.insertRegistration(registration('p-keep', { retainUntil: now + DAY }));
      await store.claimIdempotency(key('p-old', 'o', { expiresAt: now }), null);
      await store.claimIdempotency(key('p-new', 'o', { expiresAt: now + 1 }), null);
      await store.purgeRegistrations(now);
      assert.equal(await store.getRegistration('p-retained'), undefined);
      assert.equal(await store.getRegistration('p-link'), undefined);
      assert.equal((await store.getRegistration('p-keep'))?.id, 'p-keep');
      assert.equal(await store.getIdempotency('p-old'), undefined);
      assert.equal((await store.getIdempotency('p-new'))?.owner, 'o');
      await store.deleteRegistration('p-keep');
      assert.equal(await store.getRegistration('p-keep'), undefined);
    });
  });
}
