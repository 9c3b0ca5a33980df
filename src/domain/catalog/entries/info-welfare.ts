import type { CatalogEntry } from '../types.js';
import { categoryWithInfo } from './build.js';
import { FIELD_NAMES } from './field-names.js';

/** Table 2.4-1, 分野名 社会保障（福祉・介護）: info numbers 5-1 .. 5-13. */
export const WELFARE_ENTRIES: readonly CatalogEntry[] = [
  ...categoryWithInfo(
    {
      key: 'disabilityWelfare',
      detailNameJa: '障害保健福祉',
      labelEn: 'Disability health and welfare',
      field: FIELD_NAMES.welfareCare,
    },
    [
      {
        infoNumber: '5-1',
        name: 'independenceSupportBenefits',
        contentJa: '障害者の日常生活及び社会生活を総合的に支援するための法律による自立支援給付の支給に関する情報',
        contentEn: 'Information on the payment of independence support benefits under the Act on Comprehensive Support for the Daily and Social Lives of Persons with Disabilities',
      },
      {
        infoNumber: '5-2',
        name: 'medicalCareOrResidentialSupport',
        contentJa: '障害者の日常生活及び社会生活を総合的に支援するための法律による療養介護若しくは施設入所支援に関する情報',
        contentEn: 'Information on medical care services or residential facility support under the Act on Comprehensive Support for the Daily and Social Lives of Persons with Disabilities',
      },
      {
        infoNumber: '5-3',
        name: 'disabledChildDaySupport',
        contentJa: '児童福祉法による障害児通所支援に関する情報',
        contentEn: 'Information on day support for children with disabilities under the Child Welfare Act',
      },
      {
        infoNumber: '5-4',
        name: 'disabilityCertificates',
        contentJa: '身体障害者福祉法による身体障害者手帳、精神保健及び精神障害者福祉に関する法律による精神障害者保健福祉手帳若しくは知的障害者福祉法にいう知的障害者に関する情報',
        contentEn: 'Information on physical disability certificates under the Act on Welfare of Physically Disabled Persons, mental disability health and welfare certificates under the Act on Mental Health and Welfare for Persons with Mental Disabilities, or persons with intellectual disabilities within the meaning of the Act on Welfare of Persons with Intellectual Disabilities',
      },
      {
        infoNumber: '5-5',
        name: 'disabledChildResidentialSupport',
        contentJa: '児童福祉法による障害児入所支援若しくは措置（同法第二十七条第一項第三号の措置をいう。）に関する情報',
        contentEn: 'Information on residential support for children with disabilities or measures (those of Article 27(1)(iii) of that Act) under the Child Welfare Act',
      },
      {
        infoNumber: '5-6',
        name: 'disabledChildResidentialSupportAndAftercare',
        contentJa: '児童福祉法による障害児入所支援、措置（同法第二十七条第一項第三号若しくは第二項又は第二十七条の二第一項の措置をいう。）若しくは日常生活上の援助及び生活指導並びに就業の支援の実施に関する情報',
        contentEn: 'Information on residential support for children with disabilities, measures (those of Article 27(1)(iii) or 27(2), or Article 27-2(1), of that Act), or assistance in daily life, life guidance and employment support under the Child Welfare Act',
      },
      {
        infoNumber: '5-7',
        name: 'specialChildRearingAllowance',
        contentJa: '特別児童扶養手当等の支給に関する法律による特別児童扶養手当の支給に関する情報',
        contentEn: 'Information on the payment of special child rearing allowance under the Act on Special Child Rearing Allowances, etc.',
      },
      {
        infoNumber: '5-8',
        name: 'disabilityWelfareAllowances',
        contentJa: '特別児童扶養手当等の支給に関する法律による障害児福祉手当若しくは特別障害者手当又は昭和六十年法律第三十四号附則第九十七条第一項の福祉手当の支給に関する情報',
        contentEn: 'Information on the payment of welfare allowance for children with disabilities or special disability allowance under the Act on Special Child Rearing Allowances, etc., or of the welfare allowance of Article 97(1) of the Supplementary Provisions of Act No. 34 of 1985',
      },
    ],
  ),
  ...categoryWithInfo(
    {
      key: 'publicAssistanceWelfare',
      detailNameJa: '生活保護・福祉一般',
      labelEn: 'Public assistance and general welfare',
      field: FIELD_NAMES.welfareCare,
    },
    [
      {
        infoNumber: '5-9',
        name: 'publicAssistance',
        contentJa: '生活保護法による保護の実施若しくは就労自立給付金若しくは進学準備給付金の支給に関する情報',
        contentEn: 'Information on public assistance, or the payment of employment independence benefits or higher-education preparation benefits, under the Public Assistance Act',
      },
      {
        infoNumber: '5-10',
        name: 'pensionerSupportBenefit',
        contentJa: '年金生活者支援給付金の支給に関する法律による年金生活者支援給付金の支給に関する情報',
        contentEn: 'Information on the payment of support benefits for pensioners under the Act on Support Benefits for Pensioners',
      },
    ],
  ),
  ...categoryWithInfo(
    {
      key: 'japaneseLeftInChinaSupport',
      detailNameJa: '中国残留邦人等支援',
      labelEn: 'Support for Japanese left behind in China and others',
      field: FIELD_NAMES.welfareCare,
    },
    [
      {
        infoNumber: '5-11',
        name: 'supportBenefits',
        contentJa: '中国残留邦人等支援給付等の支給に関する情報',
        contentEn: 'Information on the payment of support benefits, etc. for Japanese left behind in China and others',
      },
      {
        infoNumber: '5-12',
        name: 'returnAndIndependenceAid',
        contentJa: '中国残留邦人等の円滑な帰国の促進並びに永住帰国した中国残留邦人等及び特定配偶者の自立の支援に関する法律による永住帰国旅費、自立支度金、一時金、一時帰国旅費又は中国残留邦人等支援給付等の支給に関する情報',
        contentEn: 'Information on the payment of travel expenses for permanent return, independence preparation funds, lump-sum payments, travel expenses for temporary return, or support benefits, etc. for Japanese left behind in China and others, under the Act on the Promotion of Smooth Return of Japanese Left Behind in China and on Support for the Independence of Those Who Returned Permanently and Their Specified Spouses',
      },
    ],
  ),
  ...categoryWithInfo(
    {
      key: 'longTermCareElderly',
      detailNameJa: '介護・高齢者福祉',
      labelEn: 'Long-term care and elderly welfare',
      field: FIELD_NAMES.welfareCare,
    },
    [
      {
        infoNumber: '5-13',
        name: 'longTermCareInsurance',
        contentJa: '介護保険法による保険給付の支給、地域支援事業の実施若しくは保険料の徴収に関する情報',
        contentEn: 'Information on the payment of insurance benefits, community support projects, or the collection of premiums under the Long-Term Care Insurance Act',
      },
    ],
  ),
];
