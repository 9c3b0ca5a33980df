import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig, startRelay, type LogLevel } from '../../../src/relay/index.js';
import { temporaryDir } from './helpers.js';

describe('startRelay', () => {
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

describe('npm run relay (src/relay/main.ts)', () => {
  it('stops at start-up naming a bad RELAY_SCHEDULE_OVERRIDES', async () => {
    const { spawnSync } = await import('node:child_process');
    const dir = await temporaryDir();
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/relay/main.ts'], {
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
