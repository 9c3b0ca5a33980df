/** 分野名 of tables 2.4-1 / 2.5-5, spelled as in v2.2 (税 became 税・所得・口座情報). */
export const FIELD_NAMES = {
  household: { ja: '世帯', en: 'Household' },
  taxIncomeAccount: { ja: '税・所得・口座情報', en: 'Tax, income and account information' },
  healthMedical: { ja: '社会保障（健康・医療）', en: 'Social security (health and medical care)' },
  childrenChildcare: { ja: '社会保障（子ども・子育て）', en: 'Social security (children and child-rearing)' },
  welfareCare: { ja: '社会保障（福祉・介護）', en: 'Social security (welfare and long-term care)' },
  employmentLabour: { ja: '社会保険（雇用・労働）', en: 'Social insurance (employment and labour)' },
  pension: { ja: '社会保険（年金）', en: 'Social insurance (pensions)' },
} as const;

export type FieldName = (typeof FIELD_NAMES)[keyof typeof FIELD_NAMES];
