import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { fallbackBody, HOST_ORIGIN, RETURN_URL, widgetHeaders } from '../../support/fixtures.js';
import { testApp, type Stack } from '../../support/stack.js';

const RUNS = 200;

async function assertHandled(response: Response, what: string): Promise<void> {
  assert.ok(response.status < 500, `${what} → ${response.status} ${await response.clone().text()}`);
  if (response.status >= 400) {
    assert.equal(response.headers.get('content-type'), 'application/problem+json', what);
    const problem = (await response.json()) as { code?: unknown; status?: unknown };
    assert.equal(typeof problem.code, 'string', what);
    assert.equal(problem.status, response.status, what);
  }
}

const anyText = fc.string({ unit: 'binary', maxLength: 60 });

/** Hand-written: zod's z.email() rejects most of fc.emailAddress(), so mix near-valid and broken ones. */
const emailLike = fc.oneof(
  fc.constant('hanako@example.com'),
  fc.emailAddress(),
  fc.tuple(fc.stringMatching(/^[a-z0-9._+-]{1,70}$/), fc.stringMatching(/^[a-z0-9-]{1,70}(\.[a-z]{2,10}){1,3}$/)).map(([local, domain]) => `${local}@${domain}`),
  fc.string({ maxLength: 300 }),
  anyText,
  fc.jsonValue(),
);

const dateLike = fc.oneof(fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/), anyText);

const nearValidFallback = fc
  .record(
    {
      email: emailLike,
      emailConfirmation: emailLike,
      sameConfirmation: fc.boolean(),
      items: fc.oneof(fc.array(fc.constantFrom('localTax', 'household', '2', 'pension', 'nope', '', '__proto__', 'constructor'), { maxLength: 4 }), fc.jsonValue()),
      query: fc.oneof(fc.record({ method: fc.constantFrom('latest', 'at', 'range', 'x'), at: dateLike, from: dateLike, to: dateLike }, { requiredKeys: ['method'] }), fc.jsonValue()),
      returnUrl: fc.oneof(fc.constant(RETURN_URL), fc.webUrl(), anyText),
      reason: fc.oneof(fc.constantFrom('unavailable', 'timeout'), fc.jsonValue()),
      lang: fc.oneof(fc.constantFrom('ja', 'en'), anyText),
      flowId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), anyText),
      secret: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), anyText),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  )
  .map(({ sameConfirmation, ...body }) => (sameConfirmation ? { ...body, emailConfirmation: body.email } : body));

/** A valid body with one field replaced (or dropped): reaches the deeper checks and the store. */
const oneFieldOff = fc
  .tuple(fc.constantFrom(...Object.keys(fallbackBody()), 'flowId', 'secret'), fc.option(fc.oneof(emailLike, fc.jsonValue()), { nil: undefined }))
  .map(([field, value]) => JSON.stringify(fallbackBody({ [field]: value })));

const body = fc.oneof(
  oneFieldOff,
  fc.constant(JSON.stringify(fallbackBody())),
  nearValidFallback.map((value) => JSON.stringify(value)),
  nearValidFallback.map((value) => JSON.stringify(fallbackBody(value))),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  anyText,
  fc.constant(''),
);

const idempotencyKey = fc.option(fc.oneof(fc.constantFrom('k1', 'k2', 'k3'), fc.string({ maxLength: 300 })), { nil: undefined });

describe('POST /v1/fallback and GET /v1/availability under malformed input (fast-check)', () => {
  let t: Stack;
  before(async () => {
    t = await testApp({ RELAY_FALLBACK_RATE_LIMIT: '100000/1', RELAY_SCHEDULE_OVERRIDES: '' });
  });
  after(() => t.close());

  it('POST /v1/fallback never answers 5xx', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, idempotencyKey, async (text, key) => {
        const headers: Record<string, string> = { ...widgetHeaders() };
        if (key !== undefined && /^[\t\x20-\x7e]*$/.test(key)) headers['Idempotency-Key'] = key;
        const response = await t.app.request('/v1/fallback', { method: 'POST', headers, body: text });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        await assertHandled(response, `${key ?? '-'} ${text}`);
        if (response.status === 202) {
          const { registrationId } = (await response.clone().json()) as { registrationId: string };
          assert.ok((await t.relay.registrations.getRegistration(registrationId)) !== undefined, 'a 202 is stored');
        }
      }),
      { numRuns: RUNS },
    );
    assert.ok((statuses.get(202) ?? 0) > 0 && (statuses.get(400) ?? 0) > 0, `answers seen: ${JSON.stringify([...statuses])}`);
  });

  it('GET /v1/availability never answers 5xx, whatever the items and the instant', async () => {
    const items = fc.oneof(
      fc.array(fc.constantFrom('localTax', 'household', 'pension', '2', '3-1', 'nope', '', ' ', '__proto__'), { maxLength: 6 }).map((keys) => keys.join(',')),
      anyText,
    );
    const at = fc.oneof(
      fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
      fc.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?([+-]\d{2}:\d{2}|Z)$/),
      anyText,
    );
    await fc.assert(
      fc.asyncProperty(items, fc.option(at, { nil: undefined }), fc.boolean(), async (itemsValue, atValue, withOrigin) => {
        const query = new URLSearchParams({ items: itemsValue, ...(atValue === undefined ? {} : { at: atValue }) });
        const response = await t.app.request(`/v1/availability?${query.toString()}`, { headers: withOrigin ? { Origin: HOST_ORIGIN } : {} });
        await assertHandled(response, query.toString());
        if (response.status === 200) {
          const answer = (await response.json()) as { available: boolean; at: string; nextAvailableAt: string | null; servers: unknown[] };
          assert.equal(typeof answer.available, 'boolean');
          assert.ok(answer.servers.length >= 3);
          if (answer.available) assert.equal(answer.nextAvailableAt, answer.at);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('GET /v1/resume/:token never answers 5xx', async () => {
    const token = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,40}\.[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{1,90}$/), anyText.map(encodeURIComponent));
    await fc.assert(
      fc.asyncProperty(token, async (value) => {
        const response = await t.app.request(`/v1/resume/${value}`);
        assert.ok(response.status < 500 && response.status !== 303, `${value} → ${response.status}`);
      }),
      { numRuns: RUNS },
    );
  });
});
