import autocannon, { type Options, type Request } from 'autocannon';
import { spawnStack } from '../lib/stack-client.js';
import { median, percentile } from '../lib/stats.js';
import { DEV_API_KEY } from '../../src/server/config.js';
import { flowBody, newSecret, RETURN_URL, widgetHeaders } from '../lib/widget-call.js';
import { runFlow } from './flow.js';
import type { BenchRow } from '../table.js';

const CONNECTIONS = 10;
const WARMUP_SECONDS = 1;
const MEASURE_SECONDS = 5;
/** Request caps, so no loop outlives its bound even on a much faster machine. */
const MAX_REQUESTS = 1_000_000;
const MAX_WARMUP_REQUESTS = 50_000;
/** Seconds before autocannon counts a request as timed out. */
const REQUEST_TIMEOUT_S = 10;

interface Target {
  name: string;
  url: string;
  request: Request;
  note: string;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  completed: number;
  /** Mean response size (headers + body), bytes. */
  bytesPerResponse: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, { count: number }>;
  latencies: Float64Array;
}

/** One bounded autocannon run; latencies kept at full precision (autocannon's histogram is whole ms). */
async function load(target: Target, seconds: number, maxRequests: number): Promise<Measured> {
  const latencies = new Float64Array(maxRequests + CONNECTIONS);
  let count = 0;
  let bytes = 0;
  const options: Options = {
    url: target.url,
    connections: CONNECTIONS,
    duration: seconds,
    maxOverallRequests: maxRequests,
    timeout: REQUEST_TIMEOUT_S,
    requests: [target.request],
  };
  const instance = autocannon(options);
  instance.on('response', (_client, _status, responseBytes, responseTimeMs) => {
    bytes += responseBytes;
    if (count < latencies.length) latencies[count++] = responseTimeMs;
  });
  const result = await instance;
  const sample = latencies.subarray(0, count);
  return {
    rps: result.requests.average,
    p50: median(sample),
    p99: percentile(sample, 99),
    completed: count,
    bytesPerResponse: count === 0 ? 0 : bytes / count,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes: result.statusCodeStats,
    latencies: sample,
  };
}

/** Two runs of one target as one: mean throughput, pooled latencies, summed counts. */
function pooled(a: Measured, b: Measured): Measured {
  const latencies = new Float64Array(a.latencies.length + b.latencies.length);
  latencies.set(a.latencies);
  latencies.set(b.latencies, a.latencies.length);
  const statusCodes: Record<string, { count: number }> = {};
  for (const [code, { count }] of [...Object.entries(a.statusCodes), ...Object.entries(b.statusCodes)]) {
    statusCodes[code] = { count: (statusCodes[code]?.count ?? 0) + count };
  }
  return {
    rps: (a.rps + b.rps) / 2,
    p50: median(latencies),
    p99: percentile(latencies, 99),
    completed: a.completed + b.completed,
    bytesPerResponse: (a.bytesPerResponse * a.completed + b.bytesPerResponse * b.completed) / Math.max(1, a.completed + b.completed),
    non2xx: a.non2xx + b.non2xx,
    errors: a.errors + b.errors,
    statusCodes,
    latencies,
  };
}

/** Replays one request of the target with fetch, to show what a failing answer says. */
async function sampleAnswer(target: Target): Promise<string> {
  const base = target.request.setupRequest ? target.request.setupRequest({ ...target.request }, {}) : target.request;
  const url = new URL(base.path ?? '/', target.url);
  const response = await fetch(url, { method: base.method ?? 'GET', headers: base.headers ?? {}, body: base.body ?? null });
  return `${response.status} ${(await response.text()).slice(0, 300)}`;
}

async function measure(target: Target): Promise<Measured> {
  await load(target, WARMUP_SECONDS, MAX_WARMUP_REQUESTS);
  const measured = await load(target, MEASURE_SECONDS, MAX_REQUESTS);
  if (measured.non2xx > 0 || measured.errors > 0) {
    console.error(
      `\n!!! relay bench: ${target.name} had ${measured.non2xx} non-2xx answers and ${measured.errors} socket errors/timeouts ` +
        `(status codes ${JSON.stringify(measured.statusCodes)}); one replayed request answers: ${await sampleAnswer(target).catch((error: unknown) => String(error))}\n`,
    );
  }
  return measured;
}

function size(bytes: number): string {
  return bytes < 1024 ? `${Math.round(bytes)} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

function rowsFor(target: Target, measured: Measured): BenchRow[] {
  const suite = 'relay';
  const rows: BenchRow[] = [
    { suite, name: `${target.name} throughput`, value: measured.rps, unit: 'req/s', note: `${target.note}; ${measured.completed.toLocaleString('en-US')} requests of ${size(measured.bytesPerResponse)}` },
    { suite, name: `${target.name} latency p50`, value: measured.p50, unit: 'ms' },
    { suite, name: `${target.name} latency p99`, value: measured.p99, unit: 'ms' },
    { suite, name: `${target.name} non-2xx`, value: measured.non2xx, unit: 'count', budget: 0 },
  ];
  if (measured.errors > 0) rows.push({ suite, name: `${target.name} socket errors + timeouts`, value: measured.errors, unit: 'count', budget: 0 });
  return rows;
}

/** Whether the relay serves GET /v1/availability (it is specified, but may not be built yet). */
async function availabilityPath(relay: string): Promise<{ path: string } | { skip: string }> {
  const candidates = ['/v1/availability?items=localTax.salaryRevenue', `/v1/availability?items=localTax.salaryRevenue&at=${encodeURIComponent(new Date().toISOString())}`];
  let last = 0;
  for (const path of candidates) {
    const response = await fetch(new URL(path, relay));
    await response.body?.cancel();
    if (response.ok) return { path };
    last = response.status;
    if (response.status === 404) break;
  }
  return { skip: last === 404 ? 'skipped: the relay has no GET /v1/availability yet (404)' : `skipped: GET /v1/availability answered ${last}` };
}

/**
 * Relay throughput on loopback: autocannon (this process) against relay + sandbox + a bare Hono
 * route (one child process), 10 connections, 1 s warm-up then 5 s, ratio relay / bare.
 */
export async function relaySuite(): Promise<BenchRow[]> {
  const stack = await spawnStack();
  try {
    const setup = `${CONNECTIONS} conns, ${MEASURE_SECONDS} s after ${WARMUP_SECONDS} s warm-up`;
    const bare: Target = { name: 'bare Hono GET /', url: stack.bare, request: { method: 'GET', path: '/' }, note: `baseline on @hono/node-server; ${setup}` };
    const catalog: Target = { name: 'GET /v1/catalog', url: stack.relay, request: { method: 'GET', path: '/v1/catalog' }, note: `${setup}; request log on` };
    const flows: Target = {
      name: 'POST /v1/flows',
      url: stack.relay,
      request: {
        method: 'POST',
        path: '/v1/flows',
        headers: widgetHeaders(),
        setupRequest: (request) => ({ ...request, body: flowBody(newSecret().secretHash) }),
      },
      note: `flow start, each a PAR round trip to the sandbox (same process as the relay); ${setup}`,
    };

    const provider = { Authorization: `Bearer ${DEV_API_KEY}`, 'Content-Type': 'application/json' };
    const sessionBody = JSON.stringify({ items: ['localTax.salaryRevenue', 'localTax.taxYear'], purpose: 'mortgage-prescreen', reference: 'BENCH-1' });
    const sessions: Target = {
      name: 'POST /v1/sessions',
      url: stack.relay,
      request: { method: 'POST', path: '/v1/sessions', headers: provider, body: sessionBody },
      note: `a provider backend creating sessions (Bearer key, durable commit); ${setup}`,
    };
    // One session completed through the sandbox, then its signed result fetched over and over.
    const completed = (await (await fetch(`${stack.relay}/v1/sessions`, { method: 'POST', headers: provider, body: sessionBody })).json()) as { sessionId: string; clientToken: string };
    await runFlow(stack, (secretHash) => JSON.stringify({ session: completed.clientToken, mode: 'popup', returnUrl: RETURN_URL, secretHash }));
    const results: Target = {
      name: 'GET /v1/sessions/{id}/result',
      url: stack.relay,
      request: { method: 'GET', path: `/v1/sessions/${completed.sessionId}/result`, headers: { Authorization: provider.Authorization } },
      note: `a provider backend redeeming a completed session: unseal + ES256 signature per request; ${setup}`,
    };

    // The baseline runs before and after the relay routes, so drift in the machine's load during
    // the suite shows in its note instead of skewing the ratios unseen.
    const bareBefore = await measure(bare);
    const measured: { target: Target; result: Measured }[] = [{ target: catalog, result: await measure(catalog) }];
    const availability = await availabilityPath(stack.relay);
    const availabilityTarget: Target | null =
      'path' in availability ? { name: 'GET /v1/availability', url: stack.relay, request: { method: 'GET', path: availability.path }, note: `${setup}; ${availability.path}` } : null;
    if (availabilityTarget !== null) measured.push({ target: availabilityTarget, result: await measure(availabilityTarget) });
    measured.push({ target: flows, result: await measure(flows) });
    measured.push({ target: sessions, result: await measure(sessions) });
    measured.push({ target: results, result: await measure(results) });
    const bareAfter = await measure(bare);

    const baseline = pooled(bareBefore, bareAfter);
    const rps = (value: number) => Math.round(value).toLocaleString('en-US');
    const rows = rowsFor({ ...bare, note: `${bare.note}; before / after the relay routes ${rps(bareBefore.rps)} / ${rps(bareAfter.rps)} req/s, ratios use the mean` }, baseline);
    for (const { target, result } of measured) {
      rows.push(...rowsFor(target, result), { suite: 'relay', name: `${target.name} / bare Hono`, value: result.rps / baseline.rps, unit: 'ratio', note: 'requests/s, same run' });
      if (target === catalog && 'skip' in availability) {
        rows.push({ suite: 'relay', name: 'GET /v1/availability throughput', value: null, unit: 'req/s', note: availability.skip });
      }
    }
    return rows;
  } finally {
    await stack.close();
  }
}
