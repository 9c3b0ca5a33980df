import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import {
  detailFor,
  fetchResult,
  pollUntilSettled,
  report,
  requestsUrl,
  runFlow,
  startHarness,
  startRequest,
  callSelfinfo,
  type Harness,
} from './harness.js';

describe('sandbox: the whole flow over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('delivers the main persona’s 給与収入額 of 5,670,000 yen, signed, to the relay', async () => {
    const tokens = await runFlow(h, detailFor(['localTax.salaryRevenue', 'localTax.taxYear']));
    assert.equal(tokens.response.token_type.toLowerCase(), 'dpop');
    assert.deepEqual(tokens.response.authorization_details, [detailFor(['localTax.salaryRevenue', 'localTax.taxYear'])]);
    const result = await fetchResult(h, tokens);
    assert.deepEqual(result.query, { method: 'latest' });
    assert.deepEqual(result.records, [{ asOf: '2025-06-01', values: { 'localTax.salaryRevenue': 5_670_000, 'localTax.taxYear': 2025 } }]);
  });

  it('binds the code and the access token to the DPoP key and keeps the consented details on the token', async () => {
    const tokens = await runFlow(h, detailFor(['household']));
    const idToken = decodeJwt(tokens.response.id_token!);
    assert.equal(idToken.iss, h.url);
    assert.equal(idToken.aud, h.relay.client.client_id);
    assert.notEqual(idToken.sub, 'yamada-taro', 'the subject is pairwise, not the account id');
    const result = await fetchResult(h, tokens);
    assert.deepEqual(result.records[0]?.values, {
      'household.relationshipCode1': 'householder',
      'household.relationshipCode2': 'blank',
      'household.relationshipCode3': 'blank',
      'household.relationshipCode4': 'blank',
      'household.householdNumber': '0012345678',
    });
  });

  it('answers a household member (the spouse, 続柄 妻) with her own tax record', async () => {
    const tokens = await runFlow(h, detailFor(['household.relationshipCode1', 'household.householdNumber', 'localTax.salaryRevenue']), 'yamada-hanako', '2345');
    const result = await fetchResult(h, tokens);
    assert.deepEqual(result.records[0]?.values, {
      'household.relationshipCode1': 'wife',
      'household.householdNumber': '0012345678',
      'localTax.salaryRevenue': 1_030_000,
    });
  });

  it('answers null for every local tax field of a person without a tax record, household data still present', async () => {
    const tokens = await runFlow(h, detailFor(['localTax', 'household.householdNumber']), 'sato-ken', '3456');
    const [record, ...others] = (await fetchResult(h, tokens)).records;
    assert.equal(others.length, 0);
    const values = Object.entries(record?.values ?? {});
    assert.equal(values.length, 95, '94 local tax fields and the household number');
    for (const [key, value] of values) {
      assert.equal(value, key === 'household.householdNumber' ? '0023456789' : null, key);
    }
  });

  it('answers info entries without field-level detail with null', async () => {
    const tokens = await runFlow(h, detailFor(['medicalInsurance', 'publicFundAccount']));
    const result = await fetchResult(h, tokens);
    assert.deepEqual(result.records[0]?.values, {
      'medicalInsurance.schoolHealthMedicalAid': null,
      'medicalInsurance.medicalBenefitsAndPremiums': null,
      'medicalInsurance.marinersInsuranceBenefits': null,
      publicFundAccount: null,
    });
  });

  it('selects the record in effect on the `at` date', async () => {
    const atEve = await fetchResult(h, await runFlow(h, detailFor(['localTax.salaryRevenue'], { method: 'at', at: '2025-05-31' })));
    assert.deepEqual(atEve.records, [{ asOf: '2024-06-01', values: { 'localTax.salaryRevenue': 5_320_000 } }]);
    const atDay = await fetchResult(h, await runFlow(h, detailFor(['localTax.salaryRevenue'], { method: 'at', at: '2025-06-01' })));
    assert.deepEqual(atDay.records, [{ asOf: '2025-06-01', values: { 'localTax.salaryRevenue': 5_670_000 } }]);
    const beforeAny = await fetchResult(h, await runFlow(h, detailFor(['localTax.salaryRevenue'], { method: 'at', at: '2020-01-01' })));
    assert.deepEqual(beforeAny.records, [{ asOf: '2020-01-01', values: { 'localTax.salaryRevenue': null } }]);
  });

  it('selects every record whose period overlaps the range', async () => {
    const range = { method: 'range', from: '2023-07-01', to: '2024-12-31' };
    const result = await fetchResult(h, await runFlow(h, detailFor(['localTax.taxYear', 'localTax.salaryRevenue'], range)));
    assert.deepEqual(result.query, range);
    assert.deepEqual(result.records, [
      { asOf: '2023-06-01', values: { 'localTax.taxYear': 2023, 'localTax.salaryRevenue': 5_050_000 } },
      { asOf: '2024-06-01', values: { 'localTax.taxYear': 2024, 'localTax.salaryRevenue': 5_320_000 } },
    ]);
    const empty = await fetchResult(h, await runFlow(h, detailFor(['localTax.taxYear'], { method: 'range', from: '2010-01-01', to: '2011-12-31' })));
    assert.deepEqual(empty.records, []);
  });

  it('keeps the slow persona PENDING (with Retry-After) until the delay has passed, then SUCCESS', async () => {
    const tokens = await runFlow(h, detailFor(['localTax.salaryRevenue']), 'suzuki-ichiro', '4567');
    const started = Date.now();
    const processId = await startRequest(h, tokens.accessToken);
    const first = await report(h, tokens.accessToken, processId);
    assert.deepEqual(first.body, { processId, status: 'PENDING' });
    assert.equal(first.response.headers.get('retry-after'), '1');
    const settled = await pollUntilSettled(h, tokens.accessToken, processId);
    assert.ok(Date.now() - started >= 300, 'not before slowDelayMs');
    assert.equal(settled.status, 'SUCCESS');
  });

  it('reports ERROR with a code for the persona whose retrieval fails', async () => {
    const tokens = await runFlow(h, detailFor(['localTax.salaryRevenue']), 'takahashi-misaki', '5678');
    const processId = await startRequest(h, tokens.accessToken);
    const settled = await pollUntilSettled(h, tokens.accessToken, processId);
    assert.equal(settled.status, 'ERROR');
    assert.equal(settled.error?.code, 'INTERMEDIATE_SERVER_ERROR');
    assert.equal(typeof settled.error?.message, 'string');
  });

  it('answers 503 not_available_now with the hook’s answer out of operating hours', async () => {
    const tokens = await runFlow(h, detailFor(['localTax.salaryRevenue', 'household']));
    const asked: { items: readonly string[]; at: Date }[] = [];
    const closed = {
      available: false,
      nextAvailableAt: '2026-11-23T08:00:00+09:00',
      servers: [
        { id: 'juki-net', available: false, nextAvailableAt: '2026-11-23T08:00:00+09:00' },
        { id: 'jichitai', available: true, nextAvailableAt: null },
      ],
    };
    h.setAvailability((items, at) => {
      asked.push({ items, at });
      return closed;
    });
    try {
      const response = await callSelfinfo(h, tokens.accessToken, 'POST', requestsUrl(h));
      assert.equal(response.status, 503);
      assert.deepEqual(await response.json(), { error: 'not_available_now', nextAvailableAt: closed.nextAvailableAt, servers: closed.servers });
    } finally {
      h.setAvailability(() => ({ available: true, nextAvailableAt: null, servers: [] }));
    }
    assert.deepEqual(asked.map((call) => call.items), [['localTax.salaryRevenue', 'household']]);
  });

  it('answers EXPIRED once the result is older than 10 minutes', async () => {
    const tokens = await runFlow(h, detailFor(['localTax.salaryRevenue']));
    const processId = await startRequest(h, tokens.accessToken);
    assert.equal((await pollUntilSettled(h, tokens.accessToken, processId)).status, 'SUCCESS');
    h.clock.offsetMs = 10 * 60 * 1000;
    try {
      assert.deepEqual((await report(h, tokens.accessToken, processId)).body, { processId, status: 'EXPIRED' });
    } finally {
      h.clock.offsetMs = 0;
    }
  });
});
