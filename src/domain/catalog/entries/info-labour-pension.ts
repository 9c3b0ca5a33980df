import type { CatalogEntry } from '../types.js';
import { categoryWithInfo } from './build.js';
import { FIELD_NAMES } from './field-names.js';

/** Table 2.4-1, 分野名 社会保険（雇用・労働） and 社会保険（年金）: info numbers 6-1 .. 7-9. */
export const LABOUR_PENSION_ENTRIES: readonly CatalogEntry[] = [
  ...categoryWithInfo(
    {
      key: 'employment',
      detailNameJa: '雇用',
      labelEn: 'Employment',
      field: FIELD_NAMES.employmentLabour,
    },
    [
      {
        infoNumber: '6-1',
        name: 'employmentInsuranceBenefits',
        contentJa: '雇用保険法による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under the Employment Insurance Act',
      },
      {
        infoNumber: '6-2',
        name: 'educationTrainingBenefits',
        contentJa: '雇用保険法による教育訓練給付金の支給に関する情報',
        contentEn: 'Information on the payment of education and training benefits under the Employment Insurance Act',
      },
      {
        infoNumber: '6-3',
        name: 'basicAllowanceOrOlderWorkerBenefit',
        contentJa: '雇用保険法による基本手当若しくは高年齢雇用継続基本給付金の支給に関する情報',
        contentEn: 'Information on the payment of basic allowance or basic benefit for continued employment of older persons under the Employment Insurance Act',
      },
      {
        infoNumber: '6-4',
        name: 'vocationalTrainingBenefit',
        contentJa: '職業訓練の実施等による特定求職者の就職の支援に関する法律による職業訓練受講給付金の支給に関する情報',
        contentEn: 'Information on the payment of vocational training benefits under the Act on Support for Employment of Specified Job Seekers through Vocational Training, etc.',
      },
    ],
  ),
  ...categoryWithInfo(
    {
      key: 'workersCompensation',
      detailNameJa: '労災補償',
      labelEn: "Workers' accident compensation",
      field: FIELD_NAMES.employmentLabour,
    },
    [
      {
        infoNumber: '6-5',
        name: 'industrialAccidentBenefits',
        contentJa: '労働者災害補償保険法による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under the Industrial Accident Compensation Insurance Act',
      },
      {
        infoNumber: '6-6',
        name: 'localPublicOfficerAccidentCompensation',
        contentJa: '地方公務員災害補償法による公務上の災害又は通勤による災害に対する補償に関する情報',
        contentEn: "Information on compensation for accidents in the course of duty or while commuting under the Local Public Officers' Accident Compensation Act",
      },
    ],
  ),
  ...categoryWithInfo(
    {
      key: 'pension',
      detailNameJa: '年金・日本年金機構関係',
      labelEn: 'Pensions and Japan Pension Service',
      field: FIELD_NAMES.pension,
    },
    [
      {
        infoNumber: '7-1',
        name: 'childRearingAllowanceArt3PublicPensions',
        contentJa: '児童扶養手当法第三条第二項に規定する公的年金給付の支給に関する情報',
        contentEn: 'Information on the payment of public pension benefits as provided in Article 3(2) of the Child Rearing Allowance Act',
      },
      {
        infoNumber: '7-2',
        name: 'disabilityAllowances',
        contentJa: '特別児童扶養手当等の支給に関する法律その他の法令による障害を有する者に対する手当の支給に関する情報',
        contentEn: 'Information on the payment of allowances to persons with disabilities under the Act on Special Child Rearing Allowances, etc. and other laws',
      },
      {
        infoNumber: '7-3',
        name: 'nationalPensionBenefits',
        contentJa: '国民年金法その他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under the National Pension Act and other laws',
      },
      {
        infoNumber: '7-4',
        name: 'nationalPensionAnnuities',
        contentJa: '国民年金法その他の法令による年金である給付の支給に関する情報',
        contentEn: 'Information on the payment of pension benefits under the National Pension Act and other laws',
      },
      {
        infoNumber: '7-5',
        name: 'act34Of1985DisabilityBenefits',
        contentJa: '昭和六十年法律第三十四号附則第九十七条第二項において準用する特別児童扶養手当等の支給に関する法律第十七条第一号の障害を支給事由とする給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits paid on account of the disabilities of Article 17(i) of the Act on Special Child Rearing Allowances, etc., as applied mutatis mutandis by Article 97(2) of the Supplementary Provisions of Act No. 34 of 1985',
      },
      {
        infoNumber: '7-6',
        name: 'pensionBenefitsAndContributions',
        contentJa: '国民年金法又は被用者年金各法による年金である給付の支給又は保険料の徴収に関する情報',
        contentEn: "Information on the payment of pension benefits or the collection of contributions under the National Pension Act or the employees' pension acts",
      },
      {
        infoNumber: '7-7',
        name: 'basicDisabilityPension',
        contentJa: '国民年金法による障害基礎年金の支給に関する情報',
        contentEn: 'Information on the payment of basic disability pension under the National Pension Act',
      },
      {
        infoNumber: '7-8',
        name: 'specialDisabilityBenefit',
        contentJa: '特定障害者に対する特別障害給付金の支給に関する法律による特別障害給付金の支給に関する情報',
        contentEn: 'Information on the payment of special disability benefits under the Act on Special Disability Benefits for Specified Persons with Disabilities',
      },
      {
        infoNumber: '7-9',
        name: 'specialChildAllowanceActBenefits',
        contentJa: '特別児童扶養手当等の支給に関する法律その他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under the Act on Special Child Rearing Allowances, etc. and other laws',
      },
    ],
  ),
];
