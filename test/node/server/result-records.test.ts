import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordsFromPayload } from '../../../src/server/flows/result-records.js';
import { PortalError } from '../../../src/server/portal/errors.js';

const expected = {
  processId: 'p-1',
  items: ['localTax.salaryRevenue', 'household.relationshipCode1', 'publicFundAccount'],
  query: { method: 'at', at: '2025-07-01' } as const,
};

function payload(values: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return {
    processId: 'p-1',
    query: { method: 'at', at: '2025-07-01' },
    records: [{ asOf: '2025-06-01', values }],
    ...overrides,
  };
}

const goodValues = {
  'localTax.salaryRevenue': 5_670_000,
  'household.relationshipCode1': 'householder',
  publicFundAccount: null,
};

function rejected(input: Record<string, unknown>, reason: RegExp): void {
  assert.throws(
    () => recordsFromPayload(input, expected),
    (error: unknown) => error instanceof PortalError && error.code === 'result-invalid' && reason.test(error.message),
  );
}

describe('result records: the payload checked against the flow and the catalog', () => {
  it('maps each requested value with its label, kind and unit', () => {
    const [record] = recordsFromPayload(payload({ ...goodValues, 'localTax.taxYear': 2025 }), expected);
    assert.equal(record?.asOf, '2025-06-01');
    assert.deepEqual(record?.values, [
      { key: 'localTax.salaryRevenue', labelJa: '給与収入額', labelEn: 'Salary revenue', infoNumber: '2', kind: 'amount', unit: 'JPY', value: 5_670_000 },
      {
        key: 'household.relationshipCode1',
        labelJa: '続柄コード1',
        labelEn: 'Relationship code 1',
        infoNumber: '1',
        kind: 'code',
        unit: null,
        value: 'householder',
        valueLabelJa: '世帯主',
        valueLabelEn: 'Householder',
      },
      { key: 'publicFundAccount', labelJa: '公金受取口座', labelEn: 'Public fund receipt account', infoNumber: null, kind: 'record', unit: null, value: null },
    ]);
  });

  it('drops keys that were not requested', () => {
    const [record] = recordsFromPayload(payload({ ...goodValues, 'localTax.taxYear': 2025, 'household.householdNumber': '001' }), expected);
    assert.deepEqual(record?.values.map((value) => value.key), ['localTax.salaryRevenue', 'household.relationshipCode1', 'publicFundAccount']);
  });

  it('expands groups and info entries to their values', () => {
    const records = recordsFromPayload(
      { processId: 'p-1', query: { method: 'latest' }, records: [{ asOf: '2025-06-01', values: { 'household.relationshipCode1': 'wife', 'household.relationshipCode2': 'blank', 'household.relationshipCode3': 'blank', 'household.relationshipCode4': 'blank', 'household.householdNumber': '0012345678' } }] },
      { processId: 'p-1', items: ['household'], query: { method: 'latest' } },
    );
    assert.equal(records[0]?.values.length, 5);
  });

  it('rejects values of the wrong kind', () => {
    rejected(payload({ ...goodValues, 'localTax.salaryRevenue': '5670000' }), /salaryRevenue is not a valid amount/);
    rejected(payload({ ...goodValues, 'localTax.salaryRevenue': 56.7 }), /salaryRevenue/);
    rejected(payload({ ...goodValues, 'household.relationshipCode1': 'king' }), /relationshipCode1 is not a valid code/);
    rejected(payload({ ...goodValues, publicFundAccount: { bank: '0001' } }), /publicFundAccount/);
  });

  it('rejects a record that lacks a requested value', () => {
    const missing: Record<string, unknown> = { ...goodValues };
    delete missing['publicFundAccount'];
    rejected(payload(missing), /lacks publicFundAccount/);
  });

  it('rejects a payload for another process or query, or off the contract', () => {
    rejected(payload(goodValues, { processId: 'p-2' }), /processId/);
    rejected(payload(goodValues, { query: { method: 'latest' } }), /query differs/);
    rejected(payload(goodValues, { records: [{ asOf: '2025-06-01', values: goodValues }, { asOf: '2024-06-01', values: goodValues }] }), /several records/);
    rejected(payload(goodValues, { records: [{ asOf: 'June', values: goodValues }] }), /records/);
    rejected({ processId: 'p-1' }, /payload/);
  });
});
