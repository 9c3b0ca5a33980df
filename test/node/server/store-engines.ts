import { openPostgresRelayStore, openSqliteRelayStore, type RelayStore } from '../../../src/server/index.js';
import { freshDatabase } from '../../support/postgres.js';
import { temporaryDir } from '../../support/fixtures.js';

export interface OpenedStore {
  store: RelayStore;
  /** SQLite: the data directory (for raw file checks); Postgres: the database URL. */
  location: string;
  close(): Promise<void>;
}

export interface StoreEngine {
  name: 'SQLite' | 'Postgres';
  open(): Promise<OpenedStore>;
}

/** Both store engines, each on fresh storage: the contract tests run once per engine. */
export const STORE_ENGINES: readonly StoreEngine[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = await temporaryDir();
      const store = openSqliteRelayStore(dir.path);
      return {
        store,
        location: dir.path,
        async close() {
          await store.close();
          await dir.remove();
        },
      };
    },
  },
  {
    name: 'Postgres',
    async open() {
      const database = await freshDatabase();
      const store = await openPostgresRelayStore(database.url);
      return {
        store,
        location: database.url,
        async close() {
          await store.close();
          await database.drop();
        },
      };
    },
  },
];
