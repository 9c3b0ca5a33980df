import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  catalogEntry,
  catalogForApi,
  childrenOf,
  descendantsOf,
  entryByInfoNumber,
  resolveItemKey,
  serversFor,
} from '../../../src/domain/catalog/index.js';

describe('lookup helpers', () => {
  it('finds entries by key and by info number', () => {
    assert.equal(catalogEntry('localTax.salaryRevenue')?.labelJa, '給与収入額');
    assert.equal(catalogEntry('localTax.nope'), undefined);
    assert.equal(entryByInfoNumber('4-1')?.key, 'childcareSupport.childAllowance');
    assert.equal(entryByInfoNumber('1')?.key, 'household');
    assert.equal(entryByInfoNumber('3-21'), undefined);
  });

  it('resolves a key or an info number', () => {
    assert.equal(resolveItemKey('3-1')?.key, 'medicalInsurance.schoolHealthMedicalAid');
    assert.equal(resolveItemKey('2')?.key, 'localTax');
    assert.equal(resolveItemKey('pension')?.kind, 'category');
    assert.equal(resolveItemKey('household.householdNumber')?.kind, 'field');
    assert.equal(resolveItemKey('8-1'), undefined);
  });

  it('lists direct children and all descendants', () => {
    assert.deepEqual(
      childrenOf('medicalInsurance').map((entry) => entry.infoNumber),
      ['3-1', '3-2', '3-3'],
    );
    assert.deepEqual(
      childrenOf('localTax.salaryIncomeInfo').map((entry) => entry.key),
      ['localTax.salaryRevenue', 'localTax.familyEmployeeSalaryRevenue'],
    );
    assert.deepEqual(childrenOf('localTax').map((entry) => entry.key), ['localTax.residentTaxInfo']);
    assert.deepEqual(childrenOf('localTax.salaryRevenue'), []);
    assert.equal(descendantsOf('localTax').length, 107);
    assert.deepEqual(
      descendantsOf('household').map((entry) => entry.key),
      [
        'household.residentInfo',
        'household.relationshipToHouseholder',
        'household.relationshipCode1',
        'household.relationshipCode2',
        'household.relationshipCode3',
        'household.relationshipCode4',
        'household.householdNumber',
      ],
    );
    assert.deepEqual(
      descendantsOf('localTax.aggregateIncomeInfo').slice(0, 4).map((entry) => entry.key),
      ['localTax.salaryIncome', 'localTax.salaryIncomeInfo', 'localTax.salaryRevenue', 'localTax.familyEmployeeSalaryRevenue'],
    );
  });

  it('returns copies, so callers cannot change the index', () => {
    childrenOf('medicalInsurance').pop();
    assert.equal(childrenOf('medicalInsurance').length, 3);
  });

  it('unites the servers of several items in INTERMEDIATE_SERVER_IDS order', () => {
    assert.deepEqual(serversFor(['localTax.salaryRevenue', 'household']), ['jichitai']);
    assert.deepEqual(serversFor(['publicFundAccount', '6-1', 'medicalInsurance']), [
      'jichitai',
      'hellowork',
      'iryo-hoken',
      'koukin-koza',
    ]);
    assert.deepEqual(serversFor(['5-10', 'workersCompensation.industrialAccidentBenefits']), [
      'jichitai',
      'chiho-komuin-saigai',
      'rodo-kijun',
      'nenkin',
    ]);
    assert.deepEqual(serversFor([]), []);
  });

  it('names the unknown item when asked for its servers', () => {
    assert.throws(() => serversFor(['localTax', 'localTax.annualIncome']), {
      name: 'Error',
      message: 'Unknown catalog item: "localTax.annualIncome"',
    });
  });

  it('serves the catalog as plain JSON with value kinds for fields', () => {
    const api = catalogForApi();
    assert.equal(api.length, 191);
    assert.deepEqual(JSON.parse(JSON.stringify(api)), api);
    assert.deepEqual(
      api.find((entry) => entry.key === 'localTax.salaryRevenue'),
      {
        key: 'localTax.salaryRevenue',
        kind: 'field',
        infoNumber: '2',
        labelJa: '給与収入額',
        labelEn: 'Salary revenue',
        server: ['jichitai'],
        parent: 'localTax.salaryIncomeInfo',
        value: { kind: 'amount' },
      },
    );
    assert.deepEqual(
      api.find((entry) => entry.key === 'employment'),
      {
        key: 'employment',
        kind: 'category',
        infoNumber: null,
        labelJa: '雇用',
        labelEn: 'Employment',
        server: ['hellowork'],
        parent: null,
      },
    );
    api[0]?.server.push('nenkin');
    assert.deepEqual(catalogEntry('household')?.server, ['jichitai']);
  });
});
