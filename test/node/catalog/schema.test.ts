import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CATALOG,
  catalogEntry,
  catalogEntrySchema,
  catalogForApi,
  catalogSchema,
} from '../../../src/domain/catalog/index.js';
import { catalogAnswer } from '../../../src/protocol/index.js';

const salaryRevenue = catalogEntry('localTax.salaryRevenue');

describe('catalog schema', () => {
  it('parses the whole catalog', () => {
    const result = catalogSchema.safeParse(CATALOG);
    assert.equal(result.success, true, result.error?.message);
    assert.deepEqual(result.data, CATALOG);
  });

  it('parses the API form of the catalog', () => {
    const result = catalogAnswer.safeParse(JSON.parse(JSON.stringify(catalogForApi())));
    assert.equal(result.success, true, result.error?.message);
  });

  it('rejects duplicate keys and missing parents', () => {
    const duplicate = catalogSchema.safeParse([...CATALOG, salaryRevenue]);
    assert.equal(duplicate.success, false);
    assert.match(duplicate.error?.message ?? '', /Duplicate key localTax\.salaryRevenue/);

    const orphan = catalogSchema.safeParse([salaryRevenue]);
    assert.equal(orphan.success, false);
    assert.match(orphan.error?.message ?? '', /Unknown parent localTax\.salaryIncomeInfo/);
  });

  it('rejects malformed entries', () => {
    const broken = [
      { ...salaryRevenue, key: 'localTax.salary_revenue' },
      { ...salaryRevenue, labelEn: ' ' },
      { ...salaryRevenue, server: ['city-hall'] },
      { ...salaryRevenue, server: [] },
      { ...salaryRevenue, infoNumber: '2-' },
      { ...salaryRevenue, value: { kind: 'code', codes: [] } },
      { ...salaryRevenue, table: '2.4-4' },
      { ...catalogEntry('pension'), infoNumber: '7' },
    ];
    for (const entry of broken) assert.equal(catalogEntrySchema.safeParse(entry).success, false, JSON.stringify(entry));
  });
});
