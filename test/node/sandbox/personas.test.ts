import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogEntry, descendantsOf } from '../../../src/domain/catalog/index.js';
import { PERSONAS } from '../../../src/dev/sandbox/index.js';

const localTaxValueKeys = descendantsOf('localTax')
  .filter((entry) => entry.kind === 'field' && entry.value.kind !== 'group')
  .map((entry) => entry.key);

function persona(id: string) {
  const found = PERSONAS.find((candidate) => candidate.id === id);
  assert.ok(found, id);
  return found;
}

describe('sandbox personas', () => {
  it('hold only catalog fields, each with a value of the field’s kind', () => {
    for (const { id, records } of PERSONAS) {
      for (const { asOf, values } of records) {
        for (const [key, value] of Object.entries(values)) {
          const where = `${id} ${asOf} ${key}`;
          const entry = catalogEntry(key);
          assert.ok(entry, `${where}: not in the catalog`);
          assert.equal(entry.kind, 'field', `${where}: not a field`);
          if (entry.kind !== 'field' || value === null) continue;
          switch (entry.value.kind) {
            case 'group':
              assert.fail(`${where}: a group row holds no value`);
              break;
            case 'amount':
            case 'count':
            case 'year':
              assert.ok(Number.isSafeInteger(value) && (value as number) >= 0, `${where}: ${String(value)} is not a non-negative integer`);
              break;
            case 'date':
              assert.match(String(value), /^\d{4}-\d{2}-\d{2}$/, where);
              break;
            case 'text':
              assert.equal(typeof value, 'string', where);
              break;
            case 'code':
              assert.ok(
                entry.value.codes.some((code) => code.code === value),
                `${where}: ${String(value)} is not one of the catalog's codes`,
              );
              break;
          }
        }
      }
    }
  });

  it('have distinct ids and 4-digit PINs, and records by tax year as of June 1st', () => {
    assert.equal(new Set(PERSONAS.map((candidate) => candidate.id)).size, PERSONAS.length);
    assert.equal(new Set(PERSONAS.map((candidate) => candidate.pin)).size, PERSONAS.length);
    for (const { id, pin, records } of PERSONAS) {
      assert.match(pin, /^\d{4}$/, id);
      const asOfs = records.map((record) => record.asOf);
      assert.deepEqual(asOfs, [...asOfs].sort(), `${id}: records sorted`);
      for (const { asOf, values } of records) {
        assert.match(asOf, /^\d{4}-06-01$/, id);
        const taxYear = values['localTax.taxYear'];
        if (taxYear !== null) assert.equal(asOf, `${String(taxYear)}-06-01`, `${id}: asOf is in the tax year`);
        for (const key of localTaxValueKeys) assert.ok(key in values, `${id} ${asOf}: ${key} answered`);
      }
    }
  });

  it('include the guideline’s applicant: 給与収入 567万円 in the latest year, PIN 1234', () => {
    const taro = persona('yamada-taro');
    assert.equal(taro.pin, '1234');
    assert.equal(taro.records.at(-1)?.values['localTax.salaryRevenue'], 5_670_000);
    assert.ok(taro.records.length >= 3, 'several tax years');
  });

  it('include a second member of the same household, with 続柄 codes', () => {
    const taro = persona('yamada-taro').records.at(-1)!.values;
    const hanako = persona('yamada-hanako').records.at(-1)!.values;
    assert.equal(hanako['household.householdNumber'], taro['household.householdNumber']);
    assert.equal(taro['household.relationshipCode1'], 'householder');
    assert.equal(hanako['household.relationshipCode1'], 'wife');
  });

  it('include a person without any tax record, whose household record is still there', () => {
    for (const { values } of persona('sato-ken').records) {
      for (const key of localTaxValueKeys) assert.equal(values[key], null, key);
      assert.equal(typeof values['household.householdNumber'], 'string');
    }
  });

  it('include a slow persona and a failing one', () => {
    assert.deepEqual(persona('suzuki-ichiro').outcome, { status: 'SUCCESS', timing: 'slow' });
    const failing = persona('takahashi-misaki').outcome;
    assert.equal(failing.status, 'ERROR');
  });
});
