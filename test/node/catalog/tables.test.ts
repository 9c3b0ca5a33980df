import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOG, type FieldEntry, type InfoEntry } from '../../../src/domain/catalog/index.js';

const fields = (table: FieldEntry['table']): FieldEntry[] =>
  CATALOG.filter((entry): entry is FieldEntry => entry.kind === 'field' && entry.table === table);

const range = (prefix: string, last: number): string[] =>
  Array.from({ length: last }, (_, index) => `${prefix}-${index + 1}`);

// Table 2.4-1: every 自己情報番号, in the guideline's order.
const INFO_NUMBERS = [
  '1',
  '2',
  ...range('3', 20),
  ...range('4', 11),
  ...range('5', 13),
  ...range('6', 6),
  ...range('7', 9),
];

// Table 2.4-3 項目名 by row, normalised: full-width （）, no spaces around them, __ as one space.
const LOCAL_TAX_LABELS_JA = [
  /*   1 */ '個人住民税情報', '課税年度', '総所得金額等', '合計所得金額',
  /*   5 */ '合計所得金額情報', '総所得金額', '総所得金額情報', '給与所得額',
  /*   9 */ '給与所得額情報', '給与収入額', '給与専従者収入額', '雑所得額（総合）',
  /*  13 */ '雑所得額（総合）情報', '公的年金等所得額', '公的年金等収入額', '公的年金等以外雑所得額（総合課税）',
  /*  17 */ '事業所得額', '事業所得額情報', '営業等所得額', '農業所得額',
  /*  21 */ '特例肉用牛所得額', '不動産所得額', '利子所得額（総合）', '配当所得額（総合）',
  /*  25 */ '譲渡所得額（総合）', '譲渡所得額（総合）情報', '長期譲渡所得額（特別控除前）', '特別控除額（長期譲渡所得）',
  /*  29 */ '短期譲渡所得額（特別控除前）', '特別控除額（短期譲渡所得）', '一時所得額（総合）', '山林所得額',
  /*  33 */ '退職所得額（総合）', '譲渡所得額（申告分離）', '譲渡所得額（申告分離）情報', '長期譲渡所得額（特別控除前）',
  /*  37 */ '特別控除額（長期譲渡所得）', '短期譲渡所得額（特別控除前）', '特別控除額（短期譲渡所得）', '株式譲渡所得額（申告分離）',
  /*  41 */ '株式譲渡所得額（申告分離）情報', '一般株式等譲渡所得額', '上場株式等譲渡所得額', '上場株式等配当等取得額（申告分離）',
  /*  45 */ '先物取引雑所得額（申告分離）', '繰越控除額', '繰越控除額情報', '純損失繰越控除額',
  /*  49 */ '居住用財産譲渡損失繰越控除額', '特定居住用財産譲渡損失繰越控除額', '上場株式等譲渡損失繰越控除額', '特定株式等譲渡損失繰越控除額',
  /*  53 */ '先物取引差金等決済損失繰越控除額', '雑損失繰越控除額', '雑損控除額', '医療費控除額',
  /*  57 */ '小規模共済等掛金控除額', '社会保険料控除額', '生命保険料控除額', '地震保険料控除額',
  /*  61 */ '配偶者特別控除額', '配偶者控除等', '扶養控除', '扶養控除情報',
  /*  65 */ '一般', '特定', '老人', '同老',
  /*  69 */ '16歳未満扶養者数', '障害者控除', '障害者控除情報', '普障',
  /*  73 */ '特障', '同特', '本人該当区分', '同一生計配偶者',
  /*  77 */ '控除対象障害者', '控除対象寡婦（寡夫）', '控除対象勤労学生', '扶養控除対象',
  /*  81 */ '16歳未満扶養親族', '専従者控除額', '所得控除合計額', '課税所得額（課税標準額）',
  /*  85 */ '市町村民税 税額控除前所得割額', '市町村民税 調整控除額', '市町村民税 調整額', '市町村民税 住宅借入金等特別税額控除額',
  /*  89 */ '市町村民税 住宅借入金等特別税額控除額【税源移譲前】', '市町村民税 寄附金税額控除額', '市町村民税 寄附金税額控除額【税源移譲前】', '市町村民税 外国税控除額',
  /*  93 */ '市町村民税 配当控除額', '市町村民税 配当割額又は株式等譲渡所得割額の控除額', '市町村民税所得割額', '市町村民税所得割額【税源移譲前】',
  /*  97 */ '市町村民税均等割額', '都道府県民税所得割額', '都道府県民税均等割額', '居住用損失額',
  /* 101 */ '市町村民税所得割額（減免前）', '市町村民税均等割額（減免前）', '減免税額', '所得税確定申告書の提出の有無',
  /* 105 */ '住民税申告書の提出の有無', '住民登録外課税の有無', '住民登録外課税者の課税地市区町村コード',
];

describe('table 2.4-1 (info numbers)', () => {
  it('has every info number exactly once, in order', () => {
    assert.equal(INFO_NUMBERS.length, 61);
    const numbers = CATALOG.filter((entry) => entry.kind === 'info' && entry.infoNumber !== null).map(
      (entry) => entry.infoNumber,
    );
    assert.deepEqual(numbers, INFO_NUMBERS);
  });

  it('adds 公金受取口座 of v2.2 as the only info entry without a number', () => {
    const unnumbered = CATALOG.filter((entry) => entry.kind === 'info' && entry.infoNumber === null);
    assert.deepEqual(
      unnumbered.map((entry) => [entry.key, entry.labelJa, entry.parent]),
      [['publicFundAccount', '公金受取口座', null]],
    );
  });

  it('groups the info numbers by 分野詳細名 as the table does', () => {
    const byCategory = CATALOG.filter((entry) => entry.kind === 'category').map((category) => [
      category.labelJa,
      CATALOG.filter((entry) => entry.parent === category.key).map((entry) => entry.infoNumber),
    ]);
    assert.deepEqual(byCategory, [
      ['医療保険', range('3', 3)],
      ['予防接種', ['3-4']],
      ['健康・医療その他', range('3', 20).slice(4)],
      ['子ども・子育て支援', ['4-1']],
      ['母子家庭等関係', ['4-2', '4-3', '4-4', '4-5', '4-6']],
      ['母子保健', ['4-7']],
      ['教育・就学支援', ['4-8', '4-9']],
      ['子ども・子育てその他', ['4-10', '4-11']],
      ['障害保健福祉', range('5', 8)],
      ['生活保護・福祉一般', ['5-9', '5-10']],
      ['中国残留邦人等支援', ['5-11', '5-12']],
      ['介護・高齢者福祉', ['5-13']],
      ['雇用', range('6', 4)],
      ['労災補償', ['6-5', '6-6']],
      ['年金・日本年金機構関係', range('7', 9)],
    ]);
  });

  it('carries 分野名 in its v2.2 spelling', () => {
    const fieldNames = new Map(
      CATALOG.filter((entry): entry is InfoEntry => entry.kind === 'info').map((entry) => [
        entry.infoNumber ?? entry.key,
        entry.fieldNameJa,
      ]),
    );
    assert.equal(fieldNames.get('1'), '世帯');
    assert.equal(fieldNames.get('2'), '税・所得・口座情報');
    assert.equal(fieldNames.get('publicFundAccount'), '税・所得・口座情報');
    assert.equal(fieldNames.get('3-20'), '社会保障（健康・医療）');
    assert.equal(fieldNames.get('4-11'), '社会保障（子ども・子育て）');
    assert.equal(fieldNames.get('5-13'), '社会保障（福祉・介護）');
    assert.equal(fieldNames.get('6-6'), '社会保険（雇用・労働）');
    assert.equal(fieldNames.get('7-9'), '社会保険（年金）');
  });

  it('keeps 情報の内容 verbatim', () => {
    const content = (infoNumber: string): string | undefined =>
      CATALOG.find((entry): entry is InfoEntry => entry.kind === 'info' && entry.infoNumber === infoNumber)?.contentJa;
    assert.equal(content('1'), '住民基本台帳法第七条第四号に規定する事項');
    assert.equal(content('4-1'), '児童手当法による児童手当若しくは特例給付の支給に関する情報');
    assert.equal(
      content('4-9'),
      '特別支援学校への就学奨励に関する法律による特別支援学校への就学のため必要な経費の支弁に関する情報',
    );
    assert.equal(content('7-7'), '国民年金法による障害基礎年金の支給に関する情報');
  });
});

describe('table 2.4-2 (世帯)', () => {
  it('has its 7 rows in order', () => {
    assert.deepEqual(
      fields('2.4-2').map((field) => [field.row, field.key, field.labelJa, field.value.kind]),
      [
        [1, 'household.residentInfo', '住民情報', 'group'],
        [2, 'household.relationshipToHouseholder', '世帯主との続柄コード', 'group'],
        [3, 'household.relationshipCode1', '続柄コード1', 'code'],
        [4, 'household.relationshipCode2', '続柄コード2', 'code'],
        [5, 'household.relationshipCode3', '続柄コード3', 'code'],
        [6, 'household.relationshipCode4', '続柄コード4', 'code'],
        [7, 'household.householdNumber', '世帯番号', 'text'],
      ],
    );
  });
});

describe('table 2.4-3 (地方税)', () => {
  const rows = fields('2.4-3');

  it('has exactly 107 rows numbered 1..107', () => {
    assert.deepEqual(
      rows.map((field) => field.row),
      Array.from({ length: 107 }, (_, index) => index + 1),
    );
  });

  it('has every 項目名 of the table', () => {
    assert.equal(LOCAL_TAX_LABELS_JA.length, 107);
    assert.deepEqual(
      rows.map((field) => field.labelJa),
      LOCAL_TAX_LABELS_JA,
    );
  });

  it('marks as groups exactly the rows marked — in the table', () => {
    assert.deepEqual(
      rows.filter((field) => field.value.kind === 'group').map((field) => field.row),
      [1, 5, 7, 9, 13, 18, 26, 35, 41, 47, 64, 71, 75],
    );
  });

  it('reads counts, the year, the code lists and the municipality code', () => {
    const rowsOfKind = (kind: string): number[] =>
      rows.filter((field) => field.value.kind === kind).map((field) => field.row);
    assert.deepEqual(rowsOfKind('count'), [65, 66, 67, 68, 69, 72, 73, 74]);
    assert.deepEqual(rowsOfKind('year'), [2]);
    assert.deepEqual(rowsOfKind('code'), [62, 76, 77, 78, 79, 80, 81, 104, 105, 106]);
    assert.deepEqual(rowsOfKind('text'), [107]);
    assert.equal(rowsOfKind('amount').length, 107 - 13 - 8 - 1 - 10 - 1);
  });

  it('nests the rows under their groups by meaning', () => {
    const childRows = (groupRow: number): number[] => {
      const group = rows.find((field) => field.row === groupRow);
      return rows.filter((field) => field.parent === group?.key).map((field) => field.row);
    };
    assert.deepEqual(childRows(5), [6, 7, 32, 33, 34, 35, 40, 41, 44, 45]); // 合計所得金額情報
    assert.deepEqual(childRows(7), [8, 9, 12, 13, 17, 18, 22, 23, 24, 25, 26, 31]); // 総所得金額情報
    assert.deepEqual(childRows(9), [10, 11]);
    assert.deepEqual(childRows(13), [14, 15, 16]);
    assert.deepEqual(childRows(18), [19, 20, 21]);
    assert.deepEqual(childRows(26), [27, 28, 29, 30]);
    assert.deepEqual(childRows(35), [36, 37, 38, 39]);
    assert.deepEqual(childRows(41), [42, 43]);
    assert.deepEqual(childRows(47), [48, 49, 50, 51, 52, 53, 54]);
    assert.deepEqual(childRows(64), [65, 66, 67, 68]); // 16歳未満扶養者数 (69) stays at the root
    assert.deepEqual(childRows(71), [72, 73, 74]);
    assert.deepEqual(childRows(75), [76, 77, 78, 79, 80, 81]);
    const nested = [5, 7, 9, 13, 18, 26, 35, 41, 47, 64, 71, 75].flatMap(childRows);
    const rootRows = rows.filter((field) => field.row !== 1 && !nested.includes(field.row)).map((field) => field.row);
    assert.deepEqual(childRows(1), rootRows);
    assert.equal(rootRows.length, 46);
  });

  it('names the rows other modules rely on', () => {
    const row = (n: number): FieldEntry | undefined => rows.find((field) => field.row === n);
    assert.deepEqual(
      [row(10)?.key, row(10)?.labelJa, row(10)?.value.kind, row(10)?.parent],
      ['localTax.salaryRevenue', '給与収入額', 'amount', 'localTax.salaryIncomeInfo'],
    );
    assert.deepEqual(
      [row(2)?.key, row(2)?.labelJa, row(2)?.value.kind, row(2)?.parent],
      ['localTax.taxYear', '課税年度', 'year', 'localTax.residentTaxInfo'],
    );
    assert.deepEqual([row(1)?.key, row(1)?.parent], ['localTax.residentTaxInfo', 'localTax']);
  });
});
