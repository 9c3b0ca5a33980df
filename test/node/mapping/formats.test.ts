import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FORMAT_NAMES, FormatError, formatValue, isFormatName, type RetrievedValue } from '../../../src/domain/mapping/index.js';

const income: RetrievedValue = { key: 'localTax.salaryRevenue', kind: 'amount', value: 5_670_000 };
const date = (value: string): RetrievedValue => ({ key: 'x.date', kind: 'date', value });
const relationship: RetrievedValue = {
  key: 'household.relationshipCode1',
  kind: 'code',
  value: 'wife',
  valueLabelJa: '妻',
  valueLabelEn: 'Wife',
};

describe('formatValue', () => {
  it('gives the guideline example: 5,670,000 yen → 567 万円', () => {
    assert.equal(formatValue(income, 'man-yen'), '567');
  });

  it('rounds 万円 down so an income is never overstated', () => {
    assert.equal(formatValue({ ...income, value: 5_679_999 }, 'man-yen'), '567');
    assert.equal(formatValue({ ...income, value: 9_999 }, 'man-yen'), '0');
  });

  it('writes numbers plain or with thousands separators', () => {
    assert.equal(formatValue(income, 'plain'), '5670000');
    assert.equal(formatValue(income, 'grouped'), '5,670,000');
    assert.equal(formatValue(income), '5670000');
  });

  it('writes dates as yyyymmdd, ISO and Japanese era dates, including first years (元年)', () => {
    assert.equal(formatValue(date('2025-06-01'), 'yyyymmdd'), '20250601');
    assert.equal(formatValue(date('2025-06-01'), 'iso-date'), '2025-06-01');
    assert.equal(formatValue(date('2025-06-01')), '2025-06-01');
    assert.equal(formatValue(date('2025-06-01'), 'wareki'), '令和7年6月1日');
    assert.equal(formatValue(date('2019-05-01'), 'wareki'), '令和元年5月1日');
    assert.equal(formatValue(date('2019-04-30'), 'wareki'), '平成31年4月30日');
  });

  it('writes a tax year in the Japanese era (the era at the end of that year)', () => {
    assert.equal(formatValue({ key: 'localTax.taxYear', kind: 'year', value: 2025 }, 'wareki-year'), '令和7年');
    assert.equal(formatValue({ key: 'localTax.taxYear', kind: 'year', value: 2025 }), '2025');
  });

  it('writes codes as their label in either language', () => {
    assert.equal(formatValue(relationship), '妻');
    assert.equal(formatValue(relationship, 'code-label-en'), 'Wife');
  });

  it('leaves the field empty when there is no record', () => {
    assert.equal(formatValue({ ...income, value: null }, 'man-yen'), '');
  });

  it('refuses a format that does not fit the value, naming the key', () => {
    assert.throws(() => formatValue(relationship, 'man-yen'), (error: unknown) => error instanceof FormatError && /household\.relationshipCode1/.test(error.message));
    assert.throws(() => formatValue(income, 'wareki'), FormatError);
    assert.throws(() => formatValue(date('2025-13-45x'), 'yyyymmdd'), FormatError);
    assert.throws(() => formatValue(date('2025-02-30'), 'iso-date'), FormatError);
    assert.throws(() => formatValue(income, 'code-label'), FormatError);
  });

  it('knows its format names', () => {
    assert.equal(FORMAT_NAMES.every(isFormatName), true);
    assert.equal(isFormatName('万円'), false);
  });
});
