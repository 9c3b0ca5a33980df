import { availability } from '../../src/schedule/index.js';
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

/** `POST /v1/fallback` over HTTP: each 202 is a committed row (WAL, synchronous=FULL, sealed email). */
async function registrationRows(): Promise<BenchRow[]> {
  const stack = await spawnStack();
  try {
    const latencies: number[] = [];
    let refused = 0;
    let sequence = 0;
    const deadline = performance.now() + REGISTRATION_SECONDS * 1000;
    const began = performance.now();
    const worker = async () => {
      while (performance.now() < deadline && latencies.length + refused < MAX_REGISTRATIONS) {
        const email = `bench${sequence++}@example.jp`;
        const sent = performance.now();
        const response = await fetch(new URL('/v1/fallback', stack.relay), {
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
    const seconds = (performance.now() - began) / 1000;
    const sample = Float64Array.from(latencies);
    const suite = 'fallback';
    return [
      {
        suite,
        name: 'registration commits',
        value: latencies.length / seconds,
        unit: 'commits/s',
        note: `POST /v1/fallback, ${REGISTRATION_WORKERS} concurrent clients, ${REGISTRATION_SECONDS} s; SQLite WAL synchronous=FULL, email sealed (JWE), idempotency key stored`,
      },
      { suite, name: 'registration latency p50', value: median(sample), unit: 'ms' },
      { suite, name: 'registration latency p99', value: percentile(sample, 99), unit: 'ms' },
      { suite, name: 'registration refusals', value: refused, unit: 'count', budget: 0 },
    ];
  } finally {
    await stack.close();
  }
}

/** Issue 5's rows: the availability engine alone, and how fast registrations become durable. */
export async function fallbackSuite(): Promise<BenchRow[]> {
  return [...engineRows(), ...(await registrationRows())];
}
