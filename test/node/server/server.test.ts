import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assembleRelay, loadConfig, type LogLevel, type RelayConfig, type RelayOverrides } from '../../../src/server/index.js';
import { freshDatabase, queryRows } from '../../support/postgres.js';
import { fallbackBody, temporaryDir, widgetHeaders } from '../../support/fixtures.js';

/** What `npm run relay` does: the assembly, listening on `config.port`. */
async function startRelay(config: RelayConfig, overrides: RelayOverrides) {
  const relay = await assembleRelay(config, overrides);
  return { ...relay, ...(await relay.listen()) };
}

describe('assembleRelay().listen()', () => {
  it('serves on the configured port, logs structured lines without query strings, and closes', async () => {
    const dir = await temporaryDir();
    const lines: { level: LogLevel; message: string; fields: Record<string, unknown> }[] = [];
    const relay = await startRelay(loadConfig({ PORT: '0', RELAY_PUBLIC_URL: 'http://127.0.0.1:8787', RELAY_DATA_DIR: dir.path }), {
      log: (level, message, fields = {}) => lines.push({ level, message, fields }),
    });
    try {
      assert.ok(relay.port > 0);
      const health = await fetch(`${relay.url}/healthz`);
      assert.deepEqual(await health.json(), { status: 'ok' });
      await fetch(`${relay.url}/v1/flows/callback?code=secret-code&state=secret-state`);
      const callbackLine = lines.find((line) => line.message === 'request' && line.fields['route'] === '/v1/flows/callback');
      assert.ok(callbackLine !== undefined);
      assert.equal(callbackLine.fields['status'], 400);
      assert.match(String(callbackLine.fields['requestId']), /^[0-9a-f-]{36}$/);
      assert.ok(!JSON.stringify(lines).includes('secret-code') && !JSON.stringify(lines).includes('secret-state'));
      const warning = lines.find((line) => line.message === 'relay runs on development defaults');
      assert.ok((warning?.fields['variables'] as string[]).includes('RELAY_SIGNING_KEY'));
    } finally {
      await relay.close();
      await dir.remove();
    }
  });
});

describe('assembleRelay().listen() with RELAY_DATABASE_URL', () => {
  it('keeps registrations in Postgres, never logs the password, and closes its pool', async () => {
    const database = await freshDatabase();
    const dir = await temporaryDir();
    // The test cluster trusts loopback, so any password connects: a marker to look for in the logs.
    const url = new URL(database.url);
    url.username = 'postgres';
    url.password = 'pw-never-logged';
    const lines: unknown[] = [];
    const relay = await startRelay(
      loadConfig({ PORT: '0', RELAY_PUBLIC_URL: 'http://127.0.0.1:8787', RELAY_DATA_DIR: dir.path, RELAY_DATABASE_URL: url.href }),
      { log: (level, message, fields = {}) => lines.push({ level, message, fields }) },
    );
    let closed = false;
    try {
      const response = await fetch(`${relay.url}/v1/fallback`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify(fallbackBody()) });
      assert.equal(response.status, 202, await response.clone().text());
      const { registrationId } = (await response.json()) as { registrationId: string };
      const rows = await queryRows<{ id: string; sealed_contact: string }>(database.url, 'SELECT id, sealed_contact FROM registrations');
      assert.deepEqual(rows.map((row) => row.id), [registrationId]);
      assert.ok(!JSON.stringify(rows).includes('hanako'), 'the address is sealed');

      const listening = lines.find((line) => (line as { message: string }).message === 'relay listening') as { fields: Record<string, unknown> };
      assert.equal(listening.fields['store'], `postgresql://${url.host}${url.pathname}`);
      assert.ok(!JSON.stringify(lines).includes('pw-never-logged'));

      await relay.close();
      closed = true;
      const sessions = await queryRows<{ n: number }>(
        database.url,
        'SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      assert.deepEqual(sessions, [{ n: 0 }], 'the pool is closed');
    } finally {
      if (!closed) await relay.close();
      await dir.remove();
      await database.drop();
    }
  });
});

describe('npm run relay (src/server/main.ts)', () => {
  it('stops at start-up naming a bad RELAY_SCHEDULE_OVERRIDES', async () => {
    const { spawnSync } = await import('node:child_process');
    const dir = await temporaryDir();
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: { ...process.env, PORT: '0', RELAY_DATA_DIR: dir.path, RELAY_SCHEDULE_OVERRIDES: '{"servers":{"nenkin":{"hours":[{"days":"weekdays"}]}}}' },
        encoding: 'utf8',
        timeout: 15_000,
      });
      assert.equal(run.status, 1);
      assert.match(run.stdout, /relay failed to start/);
      assert.match(run.stdout, /Invalid RELAY_SCHEDULE_OVERRIDES: .*servers\.nenkin\.hours/);
    } finally {
      await dir.remove();
    }
  });
});
