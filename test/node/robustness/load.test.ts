import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import autocannon, { type Request, type Result } from 'autocannon';
import { ALWAYS_OPEN, fallbackBody, startBody, temporaryDir, widgetHeaders, widgetSecret } from '../../support/fixtures.js';
import { startRelayProcess, type RelayProcess } from '../../support/relay-process.js';
import { startSandboxForRelay, type SandboxForRelay } from '../../support/stack.js';

const CONNECTIONS = 8;
/**
 * Requests per round: a warm-up, then two equal measured rounds (a few seconds each on 2 cores).
 * Multiples of CONNECTIONS × the mix's length, so each connection sends every kind equally often.
 */
const WARMUP_REQUESTS = 400;
const ROUND_REQUESTS = 800;
/**
 * RSS growth allowed over both measured rounds, and in the second alone. V8 grows its heap
 * between collections, so this catches a gross leak (tens of KB kept per request), not a slow one.
 */
const MAX_GROWTH_BYTES = 64 * 1024 * 1024;
const MAX_SECOND_ROUND_GROWTH_BYTES = 32 * 1024 * 1024;
/** Old-space limit of the relay process under load, well below what a leak of the load would need. */
const HEAP_CAP_MB = 96;
/** RELAY_FALLBACK_RATE_LIMIT: 5 registrations per client, then 429 (refills one per 2 minutes). */
const FALLBACK_BURST = 5;
const MB = 1024 * 1024;

/** Each connection sends these in turn, so with `amount` every kind is sent equally often. */
function mix(): Request[] {
  const { secretHash } = widgetSecret();
  return [
    { method: 'GET', path: '/v1/availability?items=localTax.salaryRevenue', headers: { Origin: 'http://localhost:5173' } },
    { method: 'GET', path: '/v1/catalog' },
    { method: 'POST', path: '/v1/flows', headers: widgetHeaders(), body: '{"items": [' },
    { method: 'POST', path: '/v1/fallback', headers: widgetHeaders(), body: JSON.stringify(fallbackBody()) },
    // A real flow start: the relay pushes an authorization request to the sandbox (PAR + DPoP).
    { method: 'POST', path: '/v1/flows', headers: widgetHeaders(), body: JSON.stringify(startBody(secretHash)) },
  ];
}

async function round(url: string, requests: number): Promise<Result> {
  return autocannon({ url, connections: CONNECTIONS, amount: requests, timeout: 10, requests: mix() });
}

function countOf(result: Result, status: number): number {
  return result.statusCodeStats[String(status)]?.count ?? 0;
}

/**
 * Starts a 10 MB POST and sends only its beginning (`sendBytes`, in 16 KiB pieces), then waits:
 * the relay must answer while 10 MB are still announced or expected, i.e. without waiting for the
 * body (let alone buffering it). Resolves with the answer and how long it took.
 */
function postHuge(url: string, path: string, origin: string, options: { declareLength: boolean; sendBytes: number }): Promise<{ status: number; code: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, {
      method: 'POST',
      headers: { ...widgetHeaders(origin), ...(options.declareLength ? { 'Content-Length': String(10 * MB) } : {}) },
    });
    const timer = setTimeout(() => reject(new Error(`${path}: no answer within 5 s to a body that never completes`)), 5000);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code: string };
        resolve({ status: res.statusCode ?? 0, code: body.code, ms: performance.now() - started });
        req.destroy();
      });
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.flushHeaders();
    for (let sent = 0; sent < options.sendBytes; sent += 16 * 1024) req.write(Buffer.alloc(16 * 1024, 0x20));
  });
}

describe('the relay under load (a real process, autocannon on loopback)', () => {
  let dir: Awaited<ReturnType<typeof temporaryDir>>;
  let sandbox: SandboxForRelay;
  let relay: RelayProcess;
  before(async () => {
    dir = await temporaryDir('relay-load-');
    sandbox = await startSandboxForRelay({ dataDir: `${dir.path}/sandbox`, clientId: 'myna-relay-load' });
    relay = await startRelayProcess({
      ...sandbox.relayEnv,
      RELAY_DATA_DIR: `${dir.path}/relay`,
      RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN,
      RELAY_FALLBACK_RATE_LIMIT: `${FALLBACK_BURST}/600`,
      // A heap cap: a leak would end in an out-of-memory crash (failed requests), not only in RSS growth.
      NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}`,
    });
  });
  after(async () => {
    await relay?.stop('SIGTERM');
    await sandbox?.close();
    await dir?.remove();
  });

  it('refuses a 10 MB body with 413 body-too-large without waiting for it: on its Content-Length, or past 16 KiB of a chunked one', async () => {
    // Another allowlisted origin than the load below, so these do not spend its fallback budget.
    const origin = 'http://127.0.0.1:5173';
    for (const path of ['/v1/flows', '/v1/flows/AAAAAAAAAAAAAAAAAAAAAA/result', '/v1/fallback']) {
      // Announced: the headers alone decide. Chunked: 64 KiB sent, the rest never comes.
      for (const options of [{ declareLength: true, sendBytes: 0 }, { declareLength: false, sendBytes: 64 * 1024 }]) {
        const answer = await postHuge(relay.url, path, origin, options);
        const what = `${path} ${options.declareLength ? 'with' : 'without'} Content-Length`;
        assert.equal(answer.status, 413, what);
        assert.equal(answer.code, 'body-too-large', what);
        assert.ok(answer.ms < 2000, `${what}: answered in ${Math.round(answer.ms)} ms`);
      }
    }
    assert.equal((await fetch(`${relay.url}/healthz`)).status, 200);
  });

  it('answers a mixed load with the expected statuses only, stays correct after it, and its memory stays bounded', { timeout: 60_000 }, async () => {
    const rssStart = await relay.rssBytes();
    const warmup = await round(relay.url, WARMUP_REQUESTS);
    const rssBefore = await relay.rssBytes();
    const first = await round(relay.url, ROUND_REQUESTS);
    const rssMiddle = await relay.rssBytes();
    const second = await round(relay.url, ROUND_REQUESTS);
    const rssAfter = await relay.rssBytes();

    const results = [warmup, first, second];
    const total = (status: number) => results.reduce((sum, result) => sum + countOf(result, status), 0);
    const statuses = new Set(results.flatMap((result) => Object.keys(result.statusCodeStats)));
    const summary = {
      requests: results.map((result) => result.requests.total),
      seconds: results.map((result) => result.duration),
      statuses: Object.fromEntries([...statuses].map((status) => [status, total(Number(status))])),
      rssMB: [rssStart, rssBefore, rssMiddle, rssAfter].map((bytes) => Math.round(bytes / MB)),
      latencyP99Ms: results.map((result) => result.latency.p99),
    };
    console.log(`load: ${JSON.stringify(summary)}`);

    for (const result of results) {
      assert.equal(result.errors, 0, 'no socket errors');
      assert.equal(result.timeouts, 0, 'no timeouts');
    }
    assert.deepEqual([...statuses].sort(), ['200', '201', '202', '400', '429'], JSON.stringify(summary));
    // Exactly the burst is registered; every other registration attempt is rate-limited.
    assert.equal(total(202), FALLBACK_BURST);
    const perKind = (WARMUP_REQUESTS + 2 * ROUND_REQUESTS) / mix().length;
    assert.equal(total(400), perKind, 'malformed flow starts');
    assert.equal(total(202) + total(429), perKind, 'fallback registrations');
    assert.equal(total(201), perKind, 'flow starts');
    assert.equal(total(200), 2 * perKind, 'availability and catalog');

    assert.ok(rssAfter - rssBefore < MAX_GROWTH_BYTES, `RSS grew ${Math.round((rssAfter - rssBefore) / MB)} MB`);
    assert.ok(rssAfter - rssMiddle < MAX_SECOND_ROUND_GROWTH_BYTES, `RSS grew ${Math.round((rssAfter - rssMiddle) / MB)} MB in the second round`);

    // Right after: ordinary requests get ordinary answers.
    const availability = await fetch(`${relay.url}/v1/availability?items=localTax.salaryRevenue`);
    assert.equal(availability.status, 200);
    assert.equal(((await availability.json()) as { available: boolean }).available, true);
    const started = await fetch(`${relay.url}/v1/flows`, { method: 'POST', headers: widgetHeaders(), body: JSON.stringify(startBody(widgetSecret().secretHash)) });
    assert.equal(started.status, 201);
    const launch = await fetch(((await started.json()) as { launchUrl: string }).launchUrl, { redirect: 'manual' });
    assert.equal(launch.status, 303);
    assert.ok(launch.headers.get('location')?.startsWith(`${sandbox.sandboxOrigin}/`), 'on to the portal');
  });
});
