import type { CodeValue } from '../types.js';

/** 続柄コード 1..4 of table 2.4-2: every value listed, in the table's order. */
export const RELATIONSHIP_CODES: readonly CodeValue[] = [
  { code: 'householder', labelJa: '世帯主', labelEn: 'Householder' },
  { code: 'husband', labelJa: '夫', labelEn: 'Husband' },
  { code: 'wife', labelJa: '妻', labelEn: 'Wife' },
  { code: 'husbandUnregistered', labelJa: '夫（未届）', labelEn: 'Husband (marriage not registered)' },
  { code: 'wifeUnregistered', labelJa: '妻（未届）', labelEn: 'Wife (marriage not registered)' },
  { code: 'child', labelJa: '子', labelEn: 'Child' },
  // Listed with empty parentheses; the guideline does not say what they would hold.
  { code: 'childWithParentheses', labelJa: '子（）', labelEn: 'Child ( )' },
  { code: 'father', labelJa: '父', labelEn: 'Father' },
  { code: 'mother', labelJa: '母', labelEn: 'Mother' },
  { code: 'elderBrother', labelJa: '兄', labelEn: 'Elder brother' },
  { code: 'youngerBrother', labelJa: '弟', labelEn: 'Younger brother' },
  { code: 'elderSister', labelJa: '姉', labelEn: 'Elder sister' },
  { code: 'youngerSister', labelJa: '妹', labelEn: 'Younger sister' },
  { code: 'connectedPerson', labelJa: '縁故者', labelEn: 'Connected person (relative by circumstance)' },
  { code: 'employee', labelJa: '使用人', labelEn: 'Live-in employee' },
  { code: 'cohabitant', labelJa: '同居人', labelEn: 'Cohabitant' },
  { code: 'unknown', labelJa: '不明', labelEn: 'Unknown' },
  { code: 'grandfather', labelJa: '祖父', labelEn: 'Grandfather' },
  { code: 'grandmother', labelJa: '祖母', labelEn: 'Grandmother' },
  { code: 'greatGrandfather', labelJa: '曾祖父', labelEn: 'Great-grandfather' },
  { code: 'greatGrandmother', labelJa: '曾祖母', labelEn: 'Great-grandmother' },
  { code: 'uncle', labelJa: 'おじ', labelEn: 'Uncle' },
  { code: 'aunt', labelJa: 'おば', labelEn: 'Aunt' },
  { code: 'nephew', labelJa: '甥', labelEn: 'Nephew' },
  { code: 'niece', labelJa: '姪', labelEn: 'Niece' },
  { code: 'cousin', labelJa: 'いとこ', labelEn: 'Cousin' },
  { code: 'blank', labelJa: '（空白）', labelEn: '(blank)' },
];

const NOT_APPLICABLE: CodeValue = { code: 'notApplicable', labelJa: '非該当', labelEn: 'Not applicable' };

/** 非該当 / 該当 (rows 76, 80, 81 of table 2.4-3). */
export const APPLICABILITY_CODES: readonly CodeValue[] = [
  NOT_APPLICABLE,
  { code: 'applicable', labelJa: '該当', labelEn: 'Applicable' },
];

/** Row 62 配偶者控除等. */
export const SPOUSE_DEDUCTION_CODES: readonly CodeValue[] = [
  { code: 'none', labelJa: '配偶者控除等無し', labelEn: 'No spouse deduction' },
  { code: 'generalQualifyingSpouse', labelJa: '一般の控除対象配偶者', labelEn: 'Qualifying spouse (general)' },
  { code: 'elderlyQualifyingSpouse', labelJa: '老人控除対象配偶者', labelEn: 'Qualifying spouse (elderly)' },
  {
    code: 'sameLivelihoodSpouseNotQualifying',
    labelJa: '控除対象配偶者を除く同一生計配偶者',
    labelEn: 'Spouse sharing livelihood, other than a qualifying spouse',
  },
];

/** Row 77 控除対象障害者. */
export const DISABLED_PERSON_CODES: readonly CodeValue[] = [
  NOT_APPLICABLE,
  { code: 'specialDisability', labelJa: '特別障害', labelEn: 'Special disability' },
  { code: 'atomicBombDisability', labelJa: '原爆障害', labelEn: 'Atomic bomb disability' },
  { code: 'otherDisability', labelJa: '他障害', labelEn: 'Other disability' },
];

/** Row 78 控除対象寡婦（寡夫）. */
export const WIDOW_CODES: readonly CodeValue[] = [
  NOT_APPLICABLE,
  { code: 'widowGeneral', labelJa: '寡婦一般', labelEn: 'Widow (general)' },
  { code: 'widowSpecial', labelJa: '寡婦特別', labelEn: 'Widow (special)' },
  { code: 'widower', labelJa: '寡夫', labelEn: 'Widower' },
];

/** Row 79 控除対象勤労学生. */
export const WORKING_STUDENT_CODES: readonly CodeValue[] = [
  NOT_APPLICABLE,
  { code: 'workingStudent', labelJa: '勤労学生', labelEn: 'Working student' },
];

/** Rows 104 and 105: whether a tax return was filed. */
export const RETURN_FILED_CODES: readonly CodeValue[] = [
  { code: 'notFiled', labelJa: '提出無し', labelEn: 'Not filed' },
  { code: 'filed', labelJa: '提出有り', labelEn: 'Filed' },
];

/** Row 106 住民登録外課税の有無. */
export const TAXED_OUTSIDE_REGISTRATION_CODES: readonly CodeValue[] = [
  NOT_APPLICABLE,
  { code: 'taxedInAnotherMunicipality', labelJa: '他市で課税されている者', labelEn: 'Taxed in another municipality' },
];
