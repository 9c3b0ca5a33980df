import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { fallbackBody, HOST_ORIGIN, RETURN_URL, startBody, widgetHeaders, widgetSecret } from '../../support/fixtures.js';
import { testApp, type Stack } from '../../support/stack.js';

/** Each route of the relay (RELAY_DEV_ROUTES=1 included) and how to fill in its path parameters. */
const ROUTES: { method: string; path: string }[] = [
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/v1/catalog' },
  { method: 'GET', path: '/.well-known/jwks.json' },
  { method: 'GET', path: '/v1/handoff.js' },
  { method: 'GET', path: '/v1/disclosure' },
  { method: 'POST', path: '/v1/disclosure' },
  { method: 'POST', path: '/v1/sessions' },
  { method: 'GET', path: '/v1/sessions/:id' },
  { method: 'GET', path: '/v1/sessions/:id/result' },
  { method: 'DELETE', path: '/v1/sessions/:id' },
  { method: 'GET', path: '/v1/webhooks/events' },
  { method: 'POST', path: '/v1/webhooks/events/:id/redeliver' },
  { method: 'GET', path: '/v1/availability/week' },
  { method: 'GET', path: '/v1/availability' },
  { method: 'POST', path: '/v1/flows' },
  { method: 'GET', path: '/v1/flows/callback' },
  { method: 'GET', path: '/v1/flows/:flowId/launch' },
  { method: 'POST', path: '/v1/flows/:flowId/result' },
  { method: 'POST', path: '/v1/flows/:flowId/cancel' },
  { method: 'POST', path: '/v1/fallback' },
  { method: 'GET', path: '/v1/resume/:token' },
  { method: 'GET', path: '/v1/dev/clock' },
  { method: 'POST', path: '/v1/dev/clock' },
];

/** Top-level pages a person lands on from a mail: refusals are HTML pages, not problem documents. */
const PAGE_ROUTES = new Set(['/v1/resume/:token']);

const RUNS_PER_ROUTE = 60;

const anyText = fc.string({ unit: 'binary', maxLength: 60 });
const headerSafe = (value: string) => /^[\t\x20-\x7e]*$/.test(value);

const parameter = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,40}\.[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{1,90}$/),
  anyText.map(encodeURIComponent),
  fc.constantFrom('', '..', '%2e%2e', '%00', '__proto__'),
);

const instant = fc.oneof(
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom('2026-11-21T12:00:00+09:00', '2099-12-31T23:59:59Z', '1999-12-31T23:59:59Z'),
  anyText,
);

const queryString = fc
  .array(
    fc.tuple(fc.constantFrom('items', 'at', 'from', 'state', 'code', 'iss', 'error', 'error_description', 'lang', 'x'), fc.oneof(anyText, instant, fc.constantFrom('localTax', 'localTax.salaryRevenue,2', 'nope', ''))),
    { maxLength: 5 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

const body = fc.oneof(
  fc.constant(JSON.stringify(startBody(widgetSecret().secretHash))),
  fc.constant(JSON.stringify(fallbackBody())),
  fc.constant(JSON.stringify({ secret: 'a'.repeat(43) })),
  fc.record({ at: instant }).map((value) => JSON.stringify(value)),
  fc.constant(JSON.stringify({ reset: true })),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  anyText,
  fc.constant(''),
);

const randomHeaders = fc.record(
  {
    Origin: fc.oneof(fc.constant(HOST_ORIGIN), fc.constant(new URL(RETURN_URL).origin.replace('localhost', '127.0.0.1')), fc.webUrl(), fc.constant('null')),
    'Content-Type': fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data'), fc.string({ maxLength: 30 })),
    'X-Myna-Fetch': fc.oneof(fc.constant('1'), fc.string({ maxLength: 5 })),
    'Idempotency-Key': fc.string({ maxLength: 40 }),
    'Access-Control-Request-Method': fc.constantFrom('POST', 'GET', 'DELETE'),
    'X-Forwarded-For': fc.string({ maxLength: 40 }),
    Cookie: anyText.map((value) => `__Host-myna-flow=${encodeURIComponent(value)}`),
  },
  { requiredKeys: [] },
);

/** Half the time a well-behaved widget's headers (past the mutation guard, into the handler), plus random ones. */
const headers = fc.oneof(
  randomHeaders,
  randomHeaders.map((extra) => ({ ...extra, ...widgetHeaders() })),
);

/** Mostly the route's own method (to reach its handler), sometimes any other. */
function methodFor(route: { method: string }) {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') });
}

describe('every relay route under arbitrary methods, paths, query strings, headers and bodies (fast-check)', () => {
  let t: Stack;
  before(async () => {
    t = await testApp({ RELAY_DEV_ROUTES: '1', RELAY_FALLBACK_RATE_LIMIT: '100000/1' });
  });
  after(() => t.close());

  it('fuzzes exactly the routes the app serves', () => {
    const served = t.app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`);
    assert.deepEqual([...new Set(served)].sort(), ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  for (const route of ROUTES) {
    it(`${route.method} ${route.path}: never 5xx; every 4xx a problem document with a stable code`, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(methodFor(route), parameter, queryString, headers, body, async (method, value, query, sent, text) => {
          const path = route.path.replace(/:[a-zA-Z]+/g, value);
          const init: RequestInit = { method, headers: Object.fromEntries(Object.entries(sent).filter(([, header]) => headerSafe(header))) };
          if (method !== 'GET' && method !== 'HEAD') init.body = text;
          const response = await t.app.request(`http://localhost:8787${path}?${query}`, init);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const what = `${method} ${path}?${query} → ${response.status}`;
          assert.ok(response.status < 500, `${what} ${await response.clone().text()}`);
          if (response.status < 400 || method === 'HEAD' || PAGE_ROUTES.has(route.path)) return;
          assert.equal(response.headers.get('content-type'), 'application/problem+json', what);
          const problem = (await response.json()) as { code?: unknown; status?: unknown; type?: unknown };
          assert.match(String(problem.code), /^[a-z]+(-[a-z]+)*$/, what);
          assert.equal(problem.type, `urn:myna-fetch:problem:${String(problem.code)}`, what);
          assert.equal(problem.status, response.status, what);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
      assert.ok([...statuses.keys()].some((status) => status >= 400), `some requests refused: ${JSON.stringify([...statuses])}`);
    });
  }

  it('any other path: 404 not-found, as a problem document', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD'), fc.webPath(), headers, async (method, path, sent) => {
        const init: RequestInit = { method, headers: Object.fromEntries(Object.entries(sent).filter(([, header]) => headerSafe(header))) };
        const response = await t.app.request(`http://localhost:8787/x-unknown${path}`, init);
        assert.equal(response.status, 404, `${method} ${path}`);
        if (method === 'HEAD') return;
        assert.equal(response.headers.get('content-type'), 'application/problem+json');
        assert.equal(((await response.json()) as { code: string }).code, 'not-found');
      }),
      { numRuns: 100 },
    );
  });
});
