import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerRecords, selectRecords, valueKeysFor, type PersonaRecord } from '../../../src/dev/sandbox/records.js';

const records: PersonaRecord[] = [
  { asOf: '2023-06-01', values: { 'localTax.taxYear': 2023 } },
  { asOf: '2024-06-01', values: { 'localTax.taxYear': 2024 } },
  { asOf: '2025-06-01', values: { 'localTax.taxYear': 2025 } },
];
const years = (selected: PersonaRecord[]) => selected.map((record) => record.values['localTax.taxYear'] ?? null);

describe('sandbox records', () => {
  it('expands groups, info entries and categories to the keys a result holds', () => {
    assert.deepEqual(valueKeysFor(['localTax.salaryRevenue']), ['localTax.salaryRevenue']);
    assert.deepEqual(valueKeysFor(['localTax.salaryIncomeInfo']), ['localTax.salaryRevenue', 'localTax.familyEmployeeSalaryRevenue']);
    assert.deepEqual(valueKeysFor(['localTax.salaryRevenue', 'localTax.salaryIncomeInfo']), [
      'localTax.salaryRevenue',
      'localTax.familyEmployeeSalaryRevenue',
    ]);
    assert.deepEqual(valueKeysFor(['vaccination']), ['vaccination.vaccinationRecords']);
    assert.equal(valueKeysFor(['localTax']).length, 94);
    assert.ok(!valueKeysFor(['household']).includes('household.residentInfo'), 'group rows hold no value');
  });

  it('gives the latest record not after today', () => {
    assert.deepEqual(years(selectRecords(records, { method: 'latest' }, '2026-11-23')), [2025]);
    assert.deepEqual(years(selectRecords(records, { method: 'latest' }, '2025-05-31')), [2024]);
    assert.deepEqual(selectRecords(records, { method: 'latest' }, '2020-01-01'), [{ asOf: '2020-01-01', values: {} }]);
  });

  it('gives the record in effect on an `at` date', () => {
    assert.deepEqual(years(selectRecords(records, { method: 'at', at: '2024-06-01' }, '2026-01-01')), [2024]);
    assert.deepEqual(years(selectRecords(records, { method: 'at', at: '2024-05-31' }, '2026-01-01')), [2023]);
  });

  it('gives every record whose period overlaps a range, none from the future', () => {
    const range = (from: string, to: string, today = '2026-01-01') => years(selectRecords(records, { method: 'range', from, to }, today));
    assert.deepEqual(range('2024-06-01', '2024-06-01'), [2024]);
    assert.deepEqual(range('2024-05-31', '2024-06-01'), [2023, 2024]);
    assert.deepEqual(range('2022-01-01', '2023-05-31'), []);
    assert.deepEqual(range('2025-07-01', '2030-01-01'), [2025]);
    assert.deepEqual(range('2023-01-01', '2030-01-01', '2025-01-01'), [2023, 2024]);
  });

  it('answers exactly the requested keys, null where the record has none', () => {
    assert.deepEqual(answerRecords([records[0]!], ['localTax.taxYear', 'localTax.salaryRevenue']), [
      { asOf: '2023-06-01', values: { 'localTax.taxYear': 2023, 'localTax.salaryRevenue': null } },
    ]);
  });
});
