import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPostgresCluster, type PostgresCluster } from '../../scripts/postgres-cluster.js';

export interface TestDatabase {
  /** Connection URL of a new, empty database. */
  url: string;
  /** Drops the database (and stops the cluster, if this call started one). */
  drop(): Promise<void>;
}

/**
 * A fresh empty database: on the server at MYNA_TEST_POSTGRES_URL when set (`npm test` starts one
 * cluster for all node tests), otherwise on a throwaway cluster started for this call.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  const shared = process.env['MYNA_TEST_POSTGRES_URL'];
  const cluster: PostgresCluster | undefined = shared === undefined || shared === '' ? await startPostgresCluster() : undefined;
  const serverUrl = cluster?.url ?? shared!;
  const name = `myna_test_${randomBytes(6).toString('hex')}`;
  await maintenance(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    async drop() {
      await maintenance(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cluster?.stop();
    },
  };
}

async function maintenance(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs `sql` on `url` and returns its rows (for assertions on the raw tables). */
export async function queryRows<Row extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
