import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOG, catalogEntry, type CodeValue } from '../../../src/domain/catalog/index.js';

function codesOf(key: string): readonly CodeValue[] {
  const entry = catalogEntry(key);
  assert.ok(entry?.kind === 'field' && entry.value.kind === 'code', `${key} is a coded field`);
  return entry.value.codes;
}

const labelsJa = (key: string): string[] => codesOf(key).map((value) => value.labelJa);

// Table 2.4-2 row 3, in the table's order.
const RELATIONSHIPS_JA = [
  '世帯主', '夫', '妻', '夫（未届）', '妻（未届）', '子', '子（）', '父', '母', '兄', '弟', '姉', '妹', '縁故者',
  '使用人', '同居人', '不明', '祖父', '祖母', '曾祖父', '曾祖母', 'おじ', 'おば', '甥', '姪', 'いとこ', '（空白）',
];

describe('code values', () => {
  it('lists all 27 続柄 values for each of 続柄コード 1..4', () => {
    assert.equal(RELATIONSHIPS_JA.length, 27);
    for (const part of [1, 2, 3, 4]) {
      assert.deepEqual(labelsJa(`household.relationshipCode${part}`), RELATIONSHIPS_JA);
    }
    const relationships = codesOf('household.relationshipCode1');
    assert.deepEqual(relationships.find((value) => value.labelJa === '夫（未届）'), {
      code: 'husbandUnregistered',
      labelJa: '夫（未届）',
      labelEn: 'Husband (marriage not registered)',
    });
    assert.equal(relationships[0]?.code, 'householder');
    assert.equal(relationships[26]?.code, 'blank');
  });

  it('lists the values of table 2.4-3 rows 62 and 76-81', () => {
    assert.deepEqual(labelsJa('localTax.spouseDeductionType'), [
      '配偶者控除等無し',
      '一般の控除対象配偶者',
      '老人控除対象配偶者',
      '控除対象配偶者を除く同一生計配偶者',
    ]);
    assert.deepEqual(labelsJa('localTax.sameLivelihoodSpouseStatus'), ['非該当', '該当']);
    assert.deepEqual(labelsJa('localTax.disabledPersonStatus'), ['非該当', '特別障害', '原爆障害', '他障害']);
    assert.deepEqual(labelsJa('localTax.widowStatus'), ['非該当', '寡婦一般', '寡婦特別', '寡夫']);
    assert.deepEqual(labelsJa('localTax.workingStudentStatus'), ['非該当', '勤労学生']);
    assert.deepEqual(labelsJa('localTax.dependentStatus'), ['非該当', '該当']);
    assert.deepEqual(labelsJa('localTax.under16DependentStatus'), ['非該当', '該当']);
  });

  it('lists the values of table 2.4-3 rows 104-106', () => {
    assert.deepEqual(codesOf('localTax.incomeTaxReturnFiled'), [
      { code: 'notFiled', labelJa: '提出無し', labelEn: 'Not filed' },
      { code: 'filed', labelJa: '提出有り', labelEn: 'Filed' },
    ]);
    assert.deepEqual(labelsJa('localTax.residentTaxReturnFiled'), ['提出無し', '提出有り']);
    assert.deepEqual(labelsJa('localTax.taxedOutsideRegistration'), ['非該当', '他市で課税されている者']);
  });

  it('gives every value a unique code and labels in both languages', () => {
    for (const entry of CATALOG) {
      if (entry.kind !== 'field' || entry.value.kind !== 'code') continue;
      const codes = entry.value.codes.map((value) => value.code);
      assert.equal(new Set(codes).size, codes.length, `${entry.key} has unique codes`);
      for (const value of entry.value.codes) {
        assert.match(value.code, /^[a-z][a-zA-Z0-9]*$/);
        assert.notEqual(value.labelJa.trim(), '');
        assert.notEqual(value.labelEn.trim(), '');
      }
    }
  });

  it('uses the same code for the same Japanese value across lists', () => {
    const codeByLabel = new Map<string, string>();
    for (const entry of CATALOG) {
      if (entry.kind !== 'field' || entry.value.kind !== 'code') continue;
      for (const value of entry.value.codes) {
        assert.equal(codeByLabel.get(value.labelJa) ?? value.code, value.code, value.labelJa);
        codeByLabel.set(value.labelJa, value.code);
      }
    }
    assert.equal(codeByLabel.get('非該当'), 'notApplicable');
  });
});
