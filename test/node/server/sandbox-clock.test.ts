import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { createSandboxClock } from '../../../src/dev/sandbox/dev-clock.js';
import { scheduleAvailability } from '../../../src/dev/sandbox/schedule-hook.js';
import { HOST_ORIGIN, temporaryDir, widgetHeaders } from '../../support/fixtures.js';

const THIRD_SATURDAY = '2026-11-21T12:00:00+09:00';
const WEDNESDAY = '2026-11-25T10:00:00+09:00';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startSandboxProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  const dir = await temporaryDir('sandbox-clock-');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/dev/sandbox/main.ts'], {
    env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_HOST: '127.0.0.1', SANDBOX_ISSUER: url, SANDBOX_DATA_DIR: dir.path, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sandbox did not start')), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('sandbox listening')) return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  return {
    child,
    url,
    async stop() {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
      await dir.remove();
    },
  };
}

describe('sandbox: operating hours from the schedule engine', () => {
  it('the availability hook answers like the relay', () => {
    const hook = scheduleAvailability();
    const saturday = hook(['localTax.salaryRevenue'], new Date(THIRD_SATURDAY));
    assert.equal(saturday.available, false);
    assert.equal(saturday.nextAvailableAt, '2026-11-23T00:00:00.000+09:00');
    assert.ok(saturday.servers.some((server) => server.id === 'jichitai' && !server.available));
    assert.equal(hook(['localTax.salaryRevenue'], new Date(WEDNESDAY)).available, true);
    const maintenance = scheduleAvailability({ maintenance: [{ server: 'jichitai', from: '2026-11-25T09:00:00+09:00', to: '2026-11-25T11:00:00+09:00' }] });
    assert.equal(maintenance(['localTax'], new Date(WEDNESDAY)).available, false);
  });

  it('its clock starts where told and can be moved and reset', () => {
    let real = Date.parse('2026-01-01T00:00:00Z');
    const clock = createSandboxClock(Date.parse(WEDNESDAY), () => real);
    real += 1000;
    assert.equal(clock.now().getTime(), Date.parse(WEDNESDAY) + 1000);
    clock.set(Date.parse(THIRD_SATURDAY));
    assert.equal(clock.now().getTime(), Date.parse(THIRD_SATURDAY));
    clock.reset();
    assert.equal(clock.now().getTime(), Date.parse(WEDNESDAY) + 1000);
  });
});

describe('sandbox process: SANDBOX_CLOCK and POST /dev/clock', () => {
  it('has no /dev/clock unless SANDBOX_DEV_ROUTES=1', async () => {
    const sandbox = await startSandboxProcess({});
    try {
      const response = await fetch(`${sandbox.url}/dev/clock`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ at: WEDNESDAY }) });
      assert.equal(response.status, 404);
    } finally {
      await sandbox.stop();
    }
  });

  it('starts at SANDBOX_CLOCK; with SANDBOX_DEV_ROUTES=1 the demo moves it (guarded, CORS for the demo origin)', async () => {
    const sandbox = await startSandboxProcess({ SANDBOX_CLOCK: WEDNESDAY, SANDBOX_DEV_ROUTES: '1' });
    try {
      const read = (await (await fetch(`${sandbox.url}/dev/clock`)).json()) as { now: string };
      assert.ok(Math.abs(Date.parse(read.now) - Date.parse(WEDNESDAY)) < 60_000, read.now);

      const preflight = await fetch(`${sandbox.url}/dev/clock`, {
        method: 'OPTIONS',
        headers: { Origin: HOST_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-myna-fetch' },
      });
      assert.equal(preflight.status, 204);
      assert.equal(preflight.headers.get('access-control-allow-origin'), HOST_ORIGIN);

      const refused = await fetch(`${sandbox.url}/dev/clock`, {
        method: 'POST',
        headers: { ...widgetHeaders('https://evil.example') },
        body: JSON.stringify({ at: THIRD_SATURDAY }),
      });
      assert.equal(refused.status, 403);
      const noHeader = await fetch(`${sandbox.url}/dev/clock`, {
        method: 'POST',
        headers: { Origin: HOST_ORIGIN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ at: THIRD_SATURDAY }),
      });
      assert.equal(noHeader.status, 403);
      const bad = await fetch(`${sandbox.url}/dev/clock`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ at: 'later' }) });
      assert.equal(bad.status, 400);

      const moved = await fetch(`${sandbox.url}/dev/clock`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ at: THIRD_SATURDAY }) });
      assert.equal(moved.status, 200);
      assert.equal(moved.headers.get('access-control-allow-origin'), HOST_ORIGIN);
      const { now } = (await moved.json()) as { now: string };
      assert.ok(Date.parse(now) - Date.parse(THIRD_SATURDAY) < 5_000, now);

      const reset = (await (await fetch(`${sandbox.url}/dev/clock`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify({ reset: true }) })).json()) as {
        now: string;
      };
      assert.ok(Math.abs(Date.parse(reset.now) - Date.parse(WEDNESDAY)) < 60_000, reset.now);
    } finally {
      await sandbox.stop();
    }
  });

  it('refuses a bad SANDBOX_CLOCK or SANDBOX_SCHEDULE_OVERRIDES naming the variable', () => {
    for (const [name, value] of [
      ['SANDBOX_CLOCK', '2026-11-21'],
      ['SANDBOX_SCHEDULE_OVERRIDES', '{"servers":{"bank":{}}}'],
      ['SANDBOX_DEV_ROUTES', 'yes'],
    ] as const) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/dev/sandbox/main.ts'], { env: { ...process.env, [name]: value }, encoding: 'utf8', timeout: 15_000 });
      assert.equal(run.status, 1, name);
      assert.match(run.stderr, new RegExp(name));
    }
  });
});
