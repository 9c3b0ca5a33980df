import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { acceptingPortal } from '../../support/fixtures.js';
import { HOST_ORIGIN, postJson, startBody, widgetHeaders, widgetSecret } from '../../support/fixtures.js';
import { testApp, type Stack } from '../../support/stack.js';

/** The 3rd Saturday of November 2026: 情報提供NWS and the 自治体中間サーバ stop until Monday 00:00. */
const THIRD_SATURDAY = '2026-11-21T12:00:00+09:00';
const MONDAY = '2026-11-23T00:00:00.000+09:00';
const WEDNESDAY = '2026-11-25T10:00:00+09:00';

/** The guideline's hours (testApp otherwise opens every server all the time). */
const GUIDELINE_HOURS = { RELAY_SCHEDULE_OVERRIDES: '' };

interface AvailabilityBody {
  available: boolean;
  at: string;
  nextAvailableAt: string | null;
  servers: { id: string; available: boolean; nextAvailableAt: string | null; reason?: string; note?: string; labelJa: string; labelEn: string }[];
}

async function problemOf(response: Response): Promise<Record<string, unknown>> {
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  return (await response.json()) as Record<string, unknown>;
}

function getAvailability(t: Stack, query: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(t.app.request(`/v1/availability?${query}`, { headers }));
}

describe('GET /v1/availability', () => {
  let t: Stack;
  before(async () => {
    t = await testApp({ ...GUIDELINE_HOURS, RELAY_CLOCK: WEDNESDAY });
  });
  after(() => t.close());

  it('answers the engine’s shape: out of hours on the 3rd Saturday, with each server and until when', async () => {
    const response = await getAvailability(t, `items=localTax&at=${encodeURIComponent(THIRD_SATURDAY)}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as AvailabilityBody;
    assert.deepEqual(Object.keys(body), ['available', 'at', 'nextAvailableAt', 'servers']);
    assert.equal(body.available, false);
    assert.equal(body.at, '2026-11-21T12:00:00.000+09:00');
    assert.equal(body.nextAvailableAt, MONDAY);
    assert.deepEqual(
      body.servers.map((server) => [server.id, server.available, server.reason]),
      [
        ['mynaportal', true, undefined],
        ['joho-teikyo-nw', false, 'planned-stop'],
        ['juki-net', true, undefined],
        ['jichitai', false, 'planned-stop'],
      ],
    );
    const jichitai = body.servers.find((server) => server.id === 'jichitai');
    assert.deepEqual(jichitai, {
      id: 'jichitai',
      available: false,
      nextAvailableAt: MONDAY,
      reason: 'planned-stop',
      labelJa: '自治体中間サーバ',
      labelEn: 'Local government intermediate server',
    });
  });

  it('defaults `at` to the relay’s clock (RELAY_CLOCK)', async () => {
    const body = (await (await getAvailability(t, 'items=localTax.salaryRevenue')).json()) as AvailabilityBody;
    assert.equal(body.available, true);
    const at = Date.parse(body.at);
    assert.ok(at >= Date.parse(WEDNESDAY) && at < Date.parse(WEDNESDAY) + 60_000, body.at);
    assert.equal(body.nextAvailableAt, body.at);
  });

  it('takes any catalog key or info number, not only the allowed ones, and `at` in any offset', async () => {
    const byNumber = (await (await getAvailability(t, 'items=2&at=2026-11-25T01:00:00Z')).json()) as AvailabilityBody;
    assert.equal(byNumber.at, '2026-11-25T10:00:00.000+09:00');
    assert.deepEqual(byNumber.servers.map((server) => server.id), ['mynaportal', 'joho-teikyo-nw', 'juki-net', 'jichitai']);
    const pension = (await (await getAvailability(t, `items=pension&at=${encodeURIComponent('2026-11-25T22:30:00+09:00')}`)).json()) as AvailabilityBody;
    assert.ok(pension.servers.some((server) => server.id === 'nenkin'));
  });

  const refusals: [string, string, string][] = [
    ['no items', '', 'items'],
    ['empty items', 'items=,,', 'items'],
    ['unknown item', 'items=localTax.nope', 'items'],
    ['a date without time', 'items=localTax&at=2026-11-21', 'at'],
    ['no offset', 'items=localTax&at=2026-11-21T12:00:00', 'at'],
    ['nonsense', 'items=localTax&at=soon', 'at'],
    ['out of range', 'items=localTax&at=1999-12-31T00:00:00Z', 'at'],
    ['too many items', `items=${Array.from({ length: 51 }, () => 'localTax').join(',')}`, 'items'],
  ];
  for (const [name, query, field] of refusals) {
    it(`400 naming the field: ${name}`, async () => {
      const response = await getAvailability(t, query);
      assert.equal(response.status, 400);
      const problem = await problemOf(response);
      assert.equal(problem['field'], field);
      assert.ok(['invalid-input', 'unknown-item'].includes(String(problem['code'])));
    });
  }

  it('CORS: echoes an allowlisted origin only', async () => {
    const allowed = await getAvailability(t, 'items=localTax', { Origin: HOST_ORIGIN });
    assert.equal(allowed.headers.get('access-control-allow-origin'), HOST_ORIGIN);
    assert.equal(allowed.headers.get('access-control-allow-credentials'), null);
    const other = await getAvailability(t, 'items=localTax', { Origin: 'https://evil.example' });
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});

interface WeekBody {
  from: string;
  to: string;
  now: string;
  days: { date: string; weekday: number; holiday: boolean; holidayJa?: string; holidayEn?: string }[];
  servers: { id: string; labelJa: string; labelEn: string; intervals: { from: string; to: string; up: boolean; reason?: string; note?: string }[] }[];
}

describe('GET /v1/availability/week', () => {
  let t: Stack;
  before(async () => {
    t = await testApp({ ...GUIDELINE_HOURS, RELAY_CLOCK: WEDNESDAY });
  });
  after(() => t.close());

  const week = async (query: string): Promise<WeekBody> => {
    const response = await t.app.request(`/v1/availability/week?${query}`);
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(response.headers.get('cache-control'), 'no-store');
    return (await response.json()) as WeekBody;
  };

  it('answers seven Japanese days from from’s midnight, each needed server’s intervals, holidays and now', async () => {
    const body = await week(`items=localTax&from=${encodeURIComponent('2026-11-21T15:30:00+09:00')}`);
    assert.deepEqual(Object.keys(body), ['from', 'to', 'now', 'days', 'servers']);
    assert.equal(body.from, '2026-11-21T00:00:00.000+09:00');
    assert.equal(body.to, '2026-11-28T00:00:00.000+09:00');
    assert.ok(Math.abs(Date.parse(body.now) - Date.parse(WEDNESDAY)) < 60_000, body.now);
    assert.deepEqual(
      body.days.map((day) => [day.date, day.weekday, day.holiday]),
      [
        ['2026-11-21', 6, false],
        ['2026-11-22', 0, false],
        ['2026-11-23', 1, true],
        ['2026-11-24', 2, false],
        ['2026-11-25', 3, false],
        ['2026-11-26', 4, false],
        ['2026-11-27', 5, false],
      ],
    );
    assert.equal(body.days[2]?.holidayJa, '勤労感謝の日');
    assert.equal(body.days[2]?.holidayEn, 'Labor Thanksgiving Day');
    assert.deepEqual(body.servers.map((server) => server.id), ['mynaportal', 'joho-teikyo-nw', 'juki-net', 'jichitai']);
    const jichitai = body.servers.find((server) => server.id === 'jichitai')!;
    assert.equal(jichitai.labelJa, '自治体中間サーバ');
    assert.deepEqual(jichitai.intervals[0], {
      from: '2026-11-21T00:00:00.000+09:00',
      to: '2026-11-23T00:00:00.000+09:00',
      up: false,
      reason: 'planned-stop',
    });
    const jukiNet = body.servers.find((server) => server.id === 'juki-net')!;
    assert.ok(
      jukiNet.intervals.some((stretch) => !stretch.up && stretch.from === '2026-11-21T22:00:00.000+09:00' && stretch.to === '2026-11-22T08:00:00.000+09:00'),
      JSON.stringify(jukiNet.intervals),
    );
    for (const server of body.servers) {
      assert.equal(server.intervals[0]?.from, body.from, server.id);
      assert.equal(server.intervals.at(-1)?.to, body.to, server.id);
      for (let index = 1; index < server.intervals.length; index += 1) {
        assert.equal(server.intervals[index]?.from, server.intervals[index - 1]?.to, `${server.id} is contiguous`);
      }
    }
  });

  it('defaults from to the relay’s today and adds the holding servers of the items', async () => {
    const body = await week('items=pension');
    assert.equal(body.from, '2026-11-25T00:00:00.000+09:00');
    assert.ok(body.servers.some((server) => server.id === 'nenkin'));
  });

  const refusals: [string, string, string][] = [
    ['no items', '', 'items'],
    ['unknown item', 'items=localTax.nope', 'items'],
    ['no offset', 'items=localTax&from=2026-11-21T12:00:00', 'from'],
    ['out of range', 'items=localTax&from=2099-12-30T00:00:00Z', 'from'],
  ];
  for (const [name, query, field] of refusals) {
    it(`400 naming the field: ${name}`, async () => {
      const response = await t.app.request(`/v1/availability/week?${query}`);
      assert.equal(response.status, 400);
      assert.equal((await problemOf(response))['field'], field);
    });
  }

  it('marks an operator’s extraHolidays day without a name', async () => {
    const extra = await testApp({ RELAY_SCHEDULE_OVERRIDES: JSON.stringify({ extraHolidays: ['2026-11-25'] }) });
    try {
      const response = await extra.app.request(`/v1/availability/week?items=localTax&from=${encodeURIComponent('2026-11-24T00:00:00+09:00')}`);
      const body = (await response.json()) as WeekBody;
      assert.deepEqual(body.days[1], { date: '2026-11-25', weekday: 3, holiday: true });
    } finally {
      await extra.close();
    }
  });
});

describe('RELAY_SCHEDULE_OVERRIDES', () => {
  it('adds a maintenance window and replaces hours without a code change', async () => {
    const overrides = {
      maintenance: [{ server: 'jichitai', from: '2026-11-25T09:00:00+09:00', to: '2026-11-25T11:30:00+09:00', reason: 'Database upgrade' }],
      servers: { 'joho-teikyo-nw': { stops: [] }, jichitai: { stops: [] } },
    };
    const t = await testApp({ RELAY_SCHEDULE_OVERRIDES: JSON.stringify(overrides) });
    try {
      const during = (await (await getAvailability(t, `items=localTax&at=${encodeURIComponent(WEDNESDAY)}`)).json()) as AvailabilityBody;
      assert.equal(during.available, false);
      assert.equal(during.nextAvailableAt, '2026-11-25T11:30:00.000+09:00');
      const jichitai = during.servers.find((server) => server.id === 'jichitai');
      assert.equal(jichitai?.reason, 'maintenance');
      assert.equal(jichitai?.note, 'Database upgrade');
      const saturday = (await (await getAvailability(t, `items=localTax&at=${encodeURIComponent(THIRD_SATURDAY)}`)).json()) as AvailabilityBody;
      assert.equal(saturday.available, true, 'the planned stops were replaced by none');
    } finally {
      await t.close();
    }
  });
});

describe('POST /v1/flows out of hours', () => {
  let t: Stack;
  before(async () => {
    t = await testApp({ ...GUIDELINE_HOURS, RELAY_CLOCK: THIRD_SATURDAY });
  });
  after(() => t.close());

  it('answers 503 unavailable with nextAvailableAt and servers, without asking the portal', async () => {
    const portal = t.relay.portal as ReturnType<typeof acceptingPortal>;
    const pushed = portal.pushedStates.length;
    const response = await postJson(t.app, '/v1/flows', startBody(widgetSecret().secretHash, { items: ['localTax.salaryRevenue'] }));
    assert.equal(response.status, 503);
    const problem = await problemOf(response);
    assert.equal(problem['code'], 'unavailable');
    assert.equal(problem['status'], 503);
    assert.equal(problem['nextAvailableAt'], MONDAY);
    const servers = problem['servers'] as AvailabilityBody['servers'];
    assert.deepEqual(servers.filter((server) => !server.available).map((server) => server.id), ['joho-teikyo-nw', 'jichitai']);
    const retryAfter = Number(response.headers.get('retry-after'));
    assert.ok(Math.abs(retryAfter - 36 * 3600) < 120, `Retry-After ${retryAfter}`);
    assert.equal(portal.pushedStates.length, pushed, 'the portal was not asked');
  });

  it('checks the request first: a bad body is still a 400', async () => {
    const response = await postJson(t.app, '/v1/flows', startBody('short'));
    assert.equal(response.status, 400);
  });

  it('starts the flow once the relay’s clock is in hours', async () => {
    t.advanceRelayClock(Date.parse(WEDNESDAY) - Date.parse(THIRD_SATURDAY));
    const response = await postJson(t.app, '/v1/flows', startBody(widgetSecret().secretHash));
    assert.equal(response.status, 201, await response.clone().text());
  });
});

describe('the development clock route', () => {
  it('is off by default: 404', async () => {
    const t = await testApp();
    try {
      assert.equal((await postJson(t.app, '/v1/dev/clock', { at: WEDNESDAY })).status, 404);
      assert.equal((await t.app.request('/v1/dev/clock')).status, 404);
    } finally {
      await t.close();
    }
  });

  it('with RELAY_DEV_ROUTES=1 moves the relay’s clock (availability, flows), guarded like other mutations', async () => {
    const t = await testApp({ ...GUIDELINE_HOURS, RELAY_DEV_ROUTES: '1', RELAY_CLOCK: WEDNESDAY });
    try {
      const guarded = await t.app.request('/v1/dev/clock', {
        method: 'POST',
        headers: { Origin: HOST_ORIGIN, 'Content-Type': 'application/json' },
        body: JSON.stringify({ at: THIRD_SATURDAY }),
      });
      assert.equal(guarded.status, 403);
      assert.equal((await postJson(t.app, '/v1/dev/clock', { at: THIRD_SATURDAY }, widgetHeaders('https://evil.example'))).status, 403);

      const moved = await postJson(t.app, '/v1/dev/clock', { at: THIRD_SATURDAY });
      assert.equal(moved.status, 200);
      const { now } = (await moved.json()) as { now: string };
      assert.ok(Date.parse(now) - Date.parse(THIRD_SATURDAY) < 5_000, now);
      const during = (await (await getAvailability(t, 'items=localTax')).json()) as AvailabilityBody;
      assert.equal(during.available, false);
      assert.equal((await postJson(t.app, '/v1/flows', startBody(widgetSecret().secretHash))).status, 503);

      const read = (await (await t.app.request('/v1/dev/clock')).json()) as { now: string };
      assert.ok(Date.parse(read.now) >= Date.parse(THIRD_SATURDAY));

      const reset = await postJson(t.app, '/v1/dev/clock', { reset: true });
      const back = (await reset.json()) as { now: string };
      assert.ok(Math.abs(Date.parse(back.now) - Date.parse(WEDNESDAY)) < 60_000, `back to RELAY_CLOCK: ${back.now}`);
      assert.equal(((await (await getAvailability(t, 'items=localTax')).json()) as AvailabilityBody).available, true);

      for (const body of [{}, { at: 'tomorrow' }, { at: '2026-11-21T12:00:00' }, { reset: false }, { at: WEDNESDAY, reset: true }]) {
        const refused = await postJson(t.app, '/v1/dev/clock', body);
        assert.equal(refused.status, 400, JSON.stringify(body));
      }
    } finally {
      await t.close();
    }
  });
});
