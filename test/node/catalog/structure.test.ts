import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOG, catalogEntry, childrenOf } from '../../../src/domain/catalog/index.js';

describe('catalog structure', () => {
  it('holds 3 top-level info entries, 15 categories, 59 numbered info entries and 114 fields', () => {
    const count = (predicate: (entry: (typeof CATALOG)[number]) => boolean): number => CATALOG.filter(predicate).length;
    assert.equal(count((entry) => entry.kind === 'info' && entry.parent === null), 3);
    assert.equal(count((entry) => entry.kind === 'category'), 15);
    assert.equal(count((entry) => entry.kind === 'info' && entry.parent !== null), 59);
    assert.equal(count((entry) => entry.kind === 'field'), 114);
    assert.equal(CATALOG.length, 191);
  });

  it('uses unique camelCase-dotted keys', () => {
    const keys = CATALOG.map((entry) => entry.key);
    assert.equal(new Set(keys).size, keys.length);
    for (const key of keys) assert.match(key, /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/);
  });

  it('builds every key from its parent, except fields which hang off their info entry', () => {
    for (const entry of CATALOG) {
      if (entry.kind === 'category' || entry.parent === null) assert.doesNotMatch(entry.key, /\./, entry.key);
      else if (entry.kind === 'info') assert.ok(entry.key.startsWith(`${entry.parent}.`), entry.key);
      else assert.match(entry.key, entry.table === '2.4-2' ? /^household\.\w+$/ : /^localTax\.\w+$/);
    }
  });

  it('labels every entry in both languages', () => {
    for (const entry of CATALOG) {
      assert.notEqual(entry.labelJa.trim(), '', entry.key);
      assert.notEqual(entry.labelEn.trim(), '', entry.key);
      assert.doesNotMatch(entry.labelJa, /[()_]|\s{2}|^\s|\s$/, `${entry.key}: normalised label`);
      if (entry.kind !== 'field') {
        assert.notEqual(entry.fieldNameJa.trim(), '', entry.key);
        assert.notEqual(entry.fieldNameEn.trim(), '', entry.key);
      }
      if (entry.kind === 'info') {
        for (const text of [entry.detailNameJa, entry.detailNameEn, entry.contentJa, entry.contentEn]) {
          assert.notEqual(text.trim(), '', entry.key);
        }
      }
    }
  });

  it('points every parent at a category, info entry or group that comes earlier', () => {
    const seen = new Set<string>();
    for (const entry of CATALOG) {
      if (entry.parent !== null) {
        assert.ok(seen.has(entry.parent), `${entry.key}: parent ${entry.parent} comes first`);
        const parent = catalogEntry(entry.parent);
        if (entry.kind === 'info') assert.equal(parent?.kind, 'category', entry.key);
        if (entry.kind === 'field') {
          assert.ok(parent?.kind === 'info' || (parent?.kind === 'field' && parent.value.kind === 'group'), entry.key);
          assert.equal(entry.infoNumber, parent.infoNumber, entry.key);
        }
      }
      seen.add(entry.key);
    }
    assert.equal(catalogEntry('localTax.salaryRevenue')?.parent, 'localTax.salaryIncomeInfo');
  });

  it('gives every group children and no other field any', () => {
    for (const entry of CATALOG) {
      if (entry.kind !== 'field') continue;
      assert.equal(childrenOf(entry.key).length > 0, entry.value.kind === 'group', entry.key);
    }
  });

  it('gives each field the number of its info entry', () => {
    for (const entry of CATALOG) {
      if (entry.kind === 'field') assert.equal(entry.infoNumber, entry.table === '2.4-2' ? '1' : '2', entry.key);
    }
  });
});
