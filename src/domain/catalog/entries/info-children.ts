import type { CatalogEntry } from '../types.js';
import { categoryWithInfo } from './build.js';
import { FIELD_NAMES } from './field-names.js';

/** Table 2.4-1, 分野名 社会保障（子ども・子育て）: info numbers 4-1 .. 4-11. */
export const CHILDREN_ENTRIES: readonly CatalogEntry[] = [
  ...categoryWithInfo(
    {
      key: 'childcareSupport',
      detailNameJa: '子ども・子育て支援',
      labelEn: 'Child and child-rearing support',
      field: FIELD_NAMES.childrenChildcare,
    },
    [
      {
        infoNumber: '4-1',
        name: 'childAllowance',
        contentJa: '児童手当法による児童手当若しくは特例給付の支給に関する情報',
        contentEn: 'Information on the payment of child allowance or special benefits under the Child Allowance Act',
      },
    ],
  ),
  ...categoryWithInfo(
    {
      key: 'singleParentFamily',
      detailNameJa: '母子家庭等関係',
      labelEn: 'Single-parent families and related',
      field: FIELD_NAMES.childrenChildcare,
    },
    [
      {
        infoNumber: '4-2',
        name: 'childRearingAllowance',
        contentJa: '児童扶養手当法による児童扶養手当の支給に関する情報',
        contentEn: 'Information on the payment of child rearing allowance under the Child Rearing Allowance Act',
      },
      {
        infoNumber: '4-3',
        name: 'singleParentWelfareBenefits',
        contentJa: '母子及び父子並びに寡婦福祉法による給付金の支給に関する情報',
        contentEn: 'Information on the payment of benefits under the Act on Welfare of Mothers with Dependents, Fathers with Dependents and Widows',
      },
      {
        infoNumber: '4-4',
        name: 'motherChildLivingSupportFacility',
        contentJa: '児童福祉法による母子生活支援施設における保護の実施に関する情報',
        contentEn: 'Information on protection given at maternal and child living support facilities under the Child Welfare Act',
      },
      {
        infoNumber: '4-5',
        name: 'singleParentWelfareLoans',
        contentJa: '母子及び父子並びに寡婦福祉法による資金の貸付けに関する情報',
        contentEn: 'Information on loans of funds under the Act on Welfare of Mothers with Dependents, Fathers with Dependents and Widows',
      },
      {
        infoNumber: '4-6',
        name: 'prematureInfantMedicalCare',
        contentJa: '母子保健法による養育医療の給付又は養育医療に要する費用の支給に関する情報',
        contentEn: 'Information on the provision of medical care for premature infants, or the payment of its costs, under the Maternal and Child Health Act',
      },
    ],
  ),
  ...categoryWithInfo(
    {
      key: 'maternalChildHealth',
      detailNameJa: '母子保健',
      labelEn: 'Maternal and child health',
      field: FIELD_NAMES.childrenChildcare,
    },
    [
      {
        infoNumber: '4-7',
        name: 'pregnancyNotification',
        contentJa: '母子保健法による妊娠の届出に関する情報',
        contentEn: 'Information on pregnancy notifications under the Maternal and Child Health Act',
      },
    ],
  ),
  ...categoryWithInfo(
    {
      key: 'educationSupport',
      detailNameJa: '教育・就学支援',
      labelEn: 'Education and schooling support',
      field: FIELD_NAMES.childrenChildcare,
    },
    [
      {
        infoNumber: '4-8',
        name: 'highSchoolTuitionSupport',
        contentJa: '高等学校等就学支援金の支給に関する法律による就学支援金の支給に関する情報',
        contentEn: 'Information on the payment of tuition support under the Act on High School Tuition Support Funds',
      },
      {
        infoNumber: '4-9',
        name: 'specialNeedsSchoolAttendanceAid',
        contentJa: '特別支援学校への就学奨励に関する法律による特別支援学校への就学のため必要な経費の支弁に関する情報',
        contentEn: 'Information on the payment of the costs needed to attend special needs schools under the Act on Encouragement of Attendance at Special Needs Schools',
      },
    ],
  ),
  ...categoryWithInfo(
    {
      key: 'childcareOther',
      detailNameJa: '子ども・子育てその他',
      labelEn: 'Other children and child-rearing',
      field: FIELD_NAMES.childrenChildcare,
    },
    [
      {
        infoNumber: '4-10',
        name: 'chronicDiseaseCareAndResidentialBenefits',
        contentJa: '児童福祉法による小児慢性特定疾病医療費、療育の給付若しくは障害児入所給付費の支給に関する情報',
        contentEn: 'Information on the payment of medical expenses for specified pediatric chronic diseases, medical-care-and-education benefits, or benefits for residential support of children with disabilities under the Child Welfare Act',
      },
      {
        infoNumber: '4-11',
        name: 'residentialSupportChronicDiseaseAndMeasures',
        contentJa: '児童福祉法による障害児入所支援、小児慢性特定疾病医療費の支給若しくは措置（同法第二十七条第一項第三号又は第二項の措置をいう。）に関する情報',
        contentEn: 'Information on residential support for children with disabilities, the payment of medical expenses for specified pediatric chronic diseases, or measures (those of Article 27(1)(iii) or 27(2) of that Act) under the Child Welfare Act',
      },
    ],
  ),
];
