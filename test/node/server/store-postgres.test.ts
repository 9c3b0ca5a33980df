import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { openPostgresRelayStore, type RelayStore } from '../../../src/server/index.js';
import { REGISTRATION_PURGE_LOCK } from '../../../src/server/store/postgres-transaction.js';
import { freshDatabase, queryRows, type TestDatabase } from '../../support/postgres.js';
import { DAY, T0, flow, key, registration } from './store-records.js';

const ROUNDS = 25;

/** Two relay instances' stores: separate pools (separate connections) on one database. */
describe('Postgres store: two instances on one database', () => {
  let database: TestDatabase;
  let a: RelayStore;
  let b: RelayStore;
  before(async () => {
    database = await freshDatabase();
    // Four instances starting at the same moment: the advisory lock lets one migrate, the others wait.
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresRelayStore(database.url)));
    [a, b] = stores as [RelayStore, RelayStore];
    await Promise.all(stores.slice(2).map((store) => store.close()));
  });
  after(async () => {
    await Promise.all([a.close(), b.close()]);
    await database.drop();
  });

  it('migrated once although four instances started together', async () => {
    const rows = await queryRows<{ version: number }>(database.url, 'SELECT version FROM relay_migrations ORDER BY version');
    assert.deepEqual(rows, [{ version: 1 }, { version: 2 }, { version: 3 }]);
  });

  it('lets exactly one of two instances make the same transition', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const id = `t${round}`;
      await a.insert(flow(id));
      const [fromA, fromB] = await Promise.all([
        a.transition(id, ['created'], { status: 'launched', bindingHash: 'from-a' }),
        b.transition(id, ['created'], { status: 'launched', bindingHash: 'from-b' }),
      ]);
      assert.equal(Number(fromA) + Number(fromB), 1, `round ${round}: ${fromA} / ${fromB}`);
      assert.equal((await b.get(id))?.bindingHash, fromA ? 'from-a' : 'from-b', 'the winner\'s patch is the one stored');
    }
  });

  it('gives the polling slot of a pending flow to exactly one instance', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const id = `p${round}`;
      await a.insert(flow(id, { status: 'pending' }));
      const claims = await Promise.all([a.claimPoll(id, T0, T0 + 1000), b.claimPoll(id, T0, T0 + 1000), a.claimPoll(id, T0, T0 + 1000)]);
      assert.equal(claims.filter(Boolean).length, 1, `round ${round}: ${claims.join(' / ')}`);
    }
  });

  it('gives each idempotency key to exactly one instance', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const record = (owner: string) => key(`k${round}`, owner);
      const [fromA, fromB] = await Promise.all([a.claimIdempotency(record('a'), null), b.claimIdempotency(record('b'), null)]);
      assert.equal(Number(fromA) + Number(fromB), 1, `round ${round}`);
      assert.equal((await a.getIdempotency(`k${round}`))?.owner, fromA ? 'a' : 'b');
    }
  });

  it('leases each due registration to one instance only while both claim at once', async () => {
    const TOTAL = 120;
    for (let index = 0; index < TOTAL; index += 1) await a.insertRegistration(registration(`r${index}`, { sendAt: T0 + index }));
    const claimedBy = new Map<string, string>();
    const drain = async (name: string, store: RelayStore) => {
      for (;;) {
        const leased = await store.claimDueRegistrations(T0 + TOTAL, 1_000, 60_000, 7);
        if (leased.length === 0) return;
        for (const row of leased) {
          assert.equal(claimedBy.get(row.id), undefined, `${row.id} leased by ${claimedBy.get(row.id)} and ${name}`);
          claimedBy.set(row.id, name);
        }
      }
    };
    await Promise.all([drain('a', a), drain('b', b), drain('a2', a), drain('b2', b)]);
    assert.equal(claimedBy.size, TOTAL, 'every due row was leased');
    const attempts = await queryRows<{ attempts: number; n: string }>(
      database.url,
      'SELECT attempts, COUNT(*) AS n FROM registrations GROUP BY attempts',
    );
    assert.deepEqual(attempts, [{ attempts: 1, n: String(TOTAL) }], 'each row was leased exactly once');
    assert.ok(new Set(claimedBy.values()).size > 1, 'both instances took part');
  });

  it('purges from one instance at a time: the other skips the round while the lock is held, and nothing expired is left', async () => {
    const after = registration('any').retainUntil + 1;
    for (let index = 0; index < 50; index += 1) await a.insertRegistration(registration(`gone-${index}`));
    for (let index = 0; index < 50; index += 1) await a.insert(flow(`gone-${index}`, { status: 'pending' }));
    const count = async (table: string, prefix: string) =>
      (await queryRows<{ n: number }>(database.url, `SELECT COUNT(*)::int AS n FROM ${table} WHERE id LIKE $1`, [`${prefix}%`]))[0]!.n;

    // Another instance in the middle of a purge: this one leaves the rows to it.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [REGISTRATION_PURGE_LOCK]);
      await b.purgeRegistrations(after);
      assert.equal(await count('registrations', 'gone-'), 50, 'skipped while another instance purges');
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }

    // Both instances purging over and over at once: every call succeeds, and the rows are gone.
    await Promise.all(
      Array.from({ length: 12 }, (_, index) => {
        const store = index % 2 === 0 ? a : b;
        return Promise.all([store.purgeRegistrations(after), store.purgeExpired(flow('any').expiresAt + 7 * DAY)]);
      }),
    );
    assert.equal(await count('registrations', 'gone-'), 0, 'registrations past retention deleted');
    assert.equal(await count('flows', 'gone-'), 0, 'expired flows deleted after their tombstone time');
  });
});
