import { startPostgresCluster, type PostgresCluster } from '../../scripts/postgres-cluster.js';
import { availability } from '../../src/domain/schedule/index.js';
import { spawnStack } from '../lib/stack-client.js';
import { median, percentile } from '../lib/stats.js';
import { RETURN_URL, widgetHeaders } from '../lib/widget-call.js';
import type { BenchRow } from '../table.js';

const ENGINE_SECONDS = 1;
const REGISTRATION_SECONDS = 3;
const REGISTRATION_WORKERS = 4;
/** Caps, so neither loop outlives its bound on a much faster machine. */
const MAX_ENGINE_CALLS = 5_000_000;
const MAX_REGISTRATIONS = 100_000;

/** The engine alone: answers per second for random instants of 2026–2027, one item (four servers). */
function engineRows(): BenchRow[] {
  const start = Date.UTC(2026, 0, 1);
  const span = Date.UTC(2028, 0, 1) - start;
  let calls = 0;
  let unavailable = 0;
  const began = performance.now();
  const deadline = began + ENGINE_SECONDS * 1000;
  while (performance.now() < deadline && calls < MAX_ENGINE_CALLS) {
    for (let i = 0; i < 100; i++, calls++) {
      if (!availability(['localTax.salaryRevenue'], new Date(start + Math.random() * span)).available) unavailable++;
    }
  }
  const seconds = (performance.now() - began) / 1000;
  return [
    {
      suite: 'availability',
      name: 'engine alone',
      value: calls / seconds,
      unit: 'answers/s',
      note: `${calls.toLocaleString('en-US')} random instants of 2026–2027, ${((unavailable / calls) * 100).toFixed(1)} % of them unavailable`,
    },
  ];
}

interface RegistrationLoad {
  commits: number;
  seconds: number;
  latencies: Float64Array;
  refused: number;
}

/** `POST /v1/fallback` over HTTP from REGISTRATION_WORKERS clients: each 202 is a committed row (sealed email, idempotency key). */
async function postRegistrations(relay: string): Promise<RegistrationLoad> {
  const latencies: number[] = [];
  let refused = 0;
  let sequence = 0;
  const deadline = performance.now() + REGISTRATION_SECONDS * 1000;
  const began = performance.now();
  const worker = async () => {
    while (performance.now() < deadline && latencies.length + refused < MAX_REGISTRATIONS) {
      const email = `bench${sequence++}@example.jp`;
      const sent = performance.now();
      const response = await fetch(new URL('/v1/fallback', relay), {
        method: 'POST',
        headers: { ...widgetHeaders(), 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({
          email,
          emailConfirmation: email,
          items: ['localTax.salaryRevenue'],
          query: { method: 'latest' },
          returnUrl: RETURN_URL,
          reason: 'unavailable',
          lang: 'ja',
        }),
      });
      await response.body?.cancel();
      if (response.status === 202) latencies.push(performance.now() - sent);
      else refused++;
    }
  };
  await Promise.all(Array.from({ length: REGISTRATION_WORKERS }, worker));
  return { commits: latencies.length, seconds: (performance.now() - began) / 1000, latencies: Float64Array.from(latencies), refused };
}

/** The same load on a relay stack whose store is SQLite (default) or the Postgres database at `databaseUrl`. */
async function measureRegistrations(databaseUrl?: string): Promise<RegistrationLoad> {
  const stack = await spawnStack(databaseUrl === undefined ? {} : { databaseUrl });
  try {
    return await postRegistrations(stack.relay);
  } finally {
    await stack.close();
  }
}

function loadRows(load: RegistrationLoad, engine: string, note: string): BenchRow[] {
  const suite = 'fallback';
  return [
    { suite, name: `registration commits${engine}`, value: load.commits / load.seconds, unit: 'commits/s', note },
    { suite, name: `registration latency p50${engine}`, value: median(load.latencies), unit: 'ms' },
    { suite, name: `registration latency p99${engine}`, value: percentile(load.latencies, 99), unit: 'ms' },
    { suite, name: `registration refusals${engine}`, value: load.refused, unit: 'count', budget: 0 },
  ];
}

/** How fast registrations become durable: SQLite, then Postgres (a throwaway local cluster), and the ratio. */
async function registrationRows(): Promise<BenchRow[]> {
  const shape = `POST /v1/fallback, ${REGISTRATION_WORKERS} concurrent clients, ${REGISTRATION_SECONDS} s; email sealed (JWE), idempotency key stored`;
  const sqlite = await measureRegistrations();
  const rows = loadRows(sqlite, '', `${shape}; SQLite WAL synchronous=FULL`);
  let cluster: PostgresCluster;
  try {
    cluster = await startPostgresCluster();
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? 'PostgreSQL unavailable';
    return [...rows, { suite: 'fallback', name: 'registration commits (Postgres)', value: null, unit: 'commits/s', note: `skipped: ${reason} (apt-get install postgresql)` }];
  }
  try {
    const postgres = await measureRegistrations(cluster.url);
    const note = `same load; PostgreSQL ${cluster.version} on 127.0.0.1 (throwaway cluster, same disk), fsync=on, synchronous_commit=on, pool of 10`;
    return [
      ...rows,
      ...loadRows(postgres, ' (Postgres)', note),
      {
        suite: 'fallback',
        name: 'registration commits Postgres / SQLite',
        value: postgres.commits / postgres.seconds / (sqlite.commits / sqlite.seconds),
        unit: 'ratio',
        note: 'above 1: Postgres commits more registrations per second than SQLite in this run',
      },
    ];
  } finally {
    await cluster.stop();
  }
}

/** Issue 5's rows: the availability engine alone, and how fast registrations become durable (issue 7: on Postgres too). */
export async function fallbackSuite(): Promise<BenchRow[]> {
  return [...engineRows(), ...(await registrationRows())];
}
