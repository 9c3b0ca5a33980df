import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SQLITE_FILE } from '../../../src/server/index.js';
import { freshDatabase, queryRows } from '../../support/postgres.js';
import { startRelayProcess, type RelayProcess } from '../../support/relay-process.js';
import { fallbackBody, temporaryDir, widgetHeaders } from '../../support/fixtures.js';

/** Out of hours (3rd Saturday), so the worker leaves the registrations alone while we look. */
const RELAY_CLOCK = '2026-11-21T12:00:00+09:00';

/** Where the relay keeps its registrations, and how the test counts them there afterwards. */
interface Engine {
  name: string;
  open(dataDir: string): Promise<{ env: Record<string, string>; count(id: string): Promise<number>; close(): Promise<void> }>;
}

const ENGINES: readonly Engine[] = [
  {
    name: 'SQLite',
    async open(dataDir) {
      return {
        env: {},
        async count(id) {
          const db = new Database(join(dataDir, SQLITE_FILE), { readonly: true });
          try {
            return db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM registrations WHERE id = ?').get(id)?.n ?? 0;
          } finally {
            db.close();
          }
        },
        close: async () => undefined,
      };
    },
  },
  {
    name: 'Postgres',
    async open() {
      const database = await freshDatabase();
      return {
        env: { RELAY_DATABASE_URL: database.url },
        count: async (id) => (await queryRows<{ n: number }>(database.url, 'SELECT COUNT(*)::int AS n FROM registrations WHERE id = $1', [id]))[0]!.n,
        close: () => database.drop(),
      };
    },
  },
];

/** The relay as its own process, out of hours, with a rate limit the burst never reaches. */
function startRelay(dataDir: string, storeEnv: Record<string, string>): Promise<RelayProcess> {
  return startRelayProcess({ RELAY_DATA_DIR: dataDir, RELAY_CLOCK, RELAY_FALLBACK_RATE_LIMIT: '100000/1', ...storeEnv });
}

function requestFor(index: number): { key: string; body: string } {
  const email = `burst${index}@example.com`;
  return { key: `burst-${index}`, body: JSON.stringify(fallbackBody({ email, emailConfirmation: email })) };
}

async function post(url: string, index: number): Promise<Response> {
  const { key, body } = requestFor(index);
  return fetch(`${url}/v1/fallback`, { method: 'POST', headers: { ...widgetHeaders(), 'Idempotency-Key': key }, body });
}

async function postUntilSettled(url: string, index: number): Promise<Response> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await post(url, index);
    if (response.status !== 409 || Date.now() > deadline) return response;
    const { code } = (await response.json()) as { code: string };
    assert.equal(code, 'idempotency-in-progress');
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? '1') * 1000));
  }
}

describe('durability: a relay killed mid-burst', () => {
  for (const engine of ENGINES) {
    it(`${engine.name}: keeps every registration it acknowledged with 202, exactly once, across SIGKILL and restart`, { timeout: 120_000 }, async () => {
      const dir = await temporaryDir('relay-durability-');
      const store = await engine.open(dir.path);
      let relay = await startRelay(dir.path, store.env);
      try {
        const acknowledged = new Map<number, string>();
        const attempted = new Set<number>();
        const TOTAL = 2000;
        const KILL_AFTER = 80;
        let next = 0;
        let killed: Promise<void> | undefined;
        const workers = Array.from({ length: 16 }, async () => {
          while (next < TOTAL && killed === undefined) {
            const index = next++;
            attempted.add(index);
            try {
              const response = await post(relay.url, index);
              if (response.status === 202) {
                acknowledged.set(index, ((await response.json()) as { registrationId: string }).registrationId);
                if (acknowledged.size >= KILL_AFTER) killed ??= relay.stop('SIGKILL');
              } else {
                assert.fail(`unexpected ${response.status}: ${await response.text()}`);
              }
            } catch (error) {
              if (killed === undefined) throw error; // a connection cut by the kill is expected; nothing else is
            }
          }
        });
        await Promise.all(workers);
        await killed;
        assert.ok(acknowledged.size >= KILL_AFTER, `${acknowledged.size} acknowledged`);
        assert.equal(relay.process.signalCode, 'SIGKILL');

        relay = await startRelay(dir.path, store.env);

        for (const [index, id] of acknowledged) assert.equal(await store.count(id), 1, `acknowledged registration ${index} (${id})`);

        // The same requests again, as a widget retrying after the outage would send them.
        for (const [index, id] of acknowledged) {
          const replay = await post(relay.url, index);
          assert.equal(replay.status, 202);
          assert.deepEqual(await replay.json(), { registrationId: id }, `replay of ${index}`);
        }
        // Requests cut off by the kill: committed or not, retries yield one registration. A key
        // the dead process still held answers 409 until its lock lapses (10 s); retry as told.
        const cutOff = [...attempted].filter((candidate) => !acknowledged.has(candidate));
        assert.ok(cutOff.length > 0, 'some requests were in flight at the kill');
        for (const index of cutOff) {
          const first = await postUntilSettled(relay.url, index);
          const second = await post(relay.url, index);
          assert.equal(first.status, 202, `retry of ${index}`);
          assert.deepEqual(await second.json(), await first.json(), `second retry of ${index}`);
        }
      } finally {
        await relay.stop();
        await store.close();
        await dir.remove();
      }
    });
  }
});
