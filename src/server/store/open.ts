import { redactDatabaseUrl, type RelayConfig } from '../config.js';
import type { Logger } from '../log.js';
import { openPostgresRelayStore } from './postgres.js';
import { openSqliteRelayStore } from './sqlite.js';
import type { RelayStore } from './types.js';

type StoreSettings = Pick<RelayConfig, 'databaseUrl' | 'dataDir'>;

/** The store the configuration chooses: Postgres with RELAY_DATABASE_URL, else SQLite in RELAY_DATA_DIR. */
export async function openRelayStore(config: StoreSettings, log: Logger): Promise<RelayStore> {
  if (config.databaseUrl === null) return openSqliteRelayStore(config.dataDir);
  return openPostgresRelayStore(config.databaseUrl, {
    onIdleError: (error) => log('error', 'database connection lost', { detail: error.message }),
  });
}

/** Where the store lives, without credentials: `postgresql://host:5432/relay` or `sqlite:<dir>`. */
export function describeStore(config: StoreSettings): string {
  return config.databaseUrl === null ? `sqlite:${config.dataDir}` : redactDatabaseUrl(config.databaseUrl);
}
