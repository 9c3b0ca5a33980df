import {
  APPLICABILITY_CODES,
  DISABLED_PERSON_CODES,
  SPOUSE_DEDUCTION_CODES,
  WIDOW_CODES,
  WORKING_STUDENT_CODES,
} from './code-lists.js';
import { AMOUNT, COUNT, GROUP, coded, fieldEntries } from './field-rows.js';
import { LOCAL_TAX } from './info-household-tax.js';

/**
 * Table 2.4-3 「2 地方税」 rows 46-84: loss carryforwards, income deductions, taxpayer status.
 * Only the short labels (一般, 特定, 老人, 同老 / 普障, 特障, 同特) belong to the 情報 groups; the
 * self-describing 16歳未満扶養者数 and 専従者控除額 stay at the root.
 */
export const LOCAL_TAX_DEDUCTION_FIELDS = fieldEntries(LOCAL_TAX, '2.4-3', [
  { row: 46, name: 'carryforwardDeduction', labelJa: '繰越控除額', labelEn: 'Loss carryforward deduction', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 47, name: 'carryforwardDeductionInfo', labelJa: '繰越控除額情報', labelEn: 'Loss carryforward deduction details', parent: 'residentTaxInfo', value: GROUP },
  { row: 48, name: 'netLossCarryforward', labelJa: '純損失繰越控除額', labelEn: 'Net loss carryforward deduction', parent: 'carryforwardDeductionInfo', value: AMOUNT },
  { row: 49, name: 'residentialPropertyLossCarryforward', labelJa: '居住用財産譲渡損失繰越控除額', labelEn: 'Carryforward deduction of losses on transfer of residential property', parent: 'carryforwardDeductionInfo', value: AMOUNT },
  { row: 50, name: 'specifiedResidentialPropertyLossCarryforward', labelJa: '特定居住用財産譲渡損失繰越控除額', labelEn: 'Carryforward deduction of losses on transfer of specified residential property', parent: 'carryforwardDeductionInfo', value: AMOUNT },
  { row: 51, name: 'listedStockLossCarryforward', labelJa: '上場株式等譲渡損失繰越控除額', labelEn: 'Carryforward deduction of losses on transfer of listed shares, etc.', parent: 'carryforwardDeductionInfo', value: AMOUNT },
  { row: 52, name: 'specifiedStockLossCarryforward', labelJa: '特定株式等譲渡損失繰越控除額', labelEn: 'Carryforward deduction of losses on transfer of specified shares, etc.', parent: 'carryforwardDeductionInfo', value: AMOUNT },
  { row: 53, name: 'futuresLossCarryforward', labelJa: '先物取引差金等決済損失繰越控除額', labelEn: 'Carryforward deduction of losses on settlement of futures trading, etc.', parent: 'carryforwardDeductionInfo', value: AMOUNT },
  { row: 54, name: 'casualtyLossCarryforward', labelJa: '雑損失繰越控除額', labelEn: 'Casualty loss carryforward deduction', parent: 'carryforwardDeductionInfo', value: AMOUNT },
  { row: 55, name: 'casualtyLossDeduction', labelJa: '雑損控除額', labelEn: 'Casualty loss deduction', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 56, name: 'medicalExpenseDeduction', labelJa: '医療費控除額', labelEn: 'Medical expense deduction', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 57, name: 'smallBusinessMutualAidDeduction', labelJa: '小規模共済等掛金控除額', labelEn: 'Small business mutual aid premium deduction', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 58, name: 'socialInsurancePremiumDeduction', labelJa: '社会保険料控除額', labelEn: 'Social insurance premium deduction', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 59, name: 'lifeInsurancePremiumDeduction', labelJa: '生命保険料控除額', labelEn: 'Life insurance premium deduction', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 60, name: 'earthquakeInsurancePremiumDeduction', labelJa: '地震保険料控除額', labelEn: 'Earthquake insurance premium deduction', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 61, name: 'specialSpouseDeduction', labelJa: '配偶者特別控除額', labelEn: 'Special spouse deduction', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 62, name: 'spouseDeductionType', labelJa: '配偶者控除等', labelEn: 'Spouse deduction type', parent: 'residentTaxInfo', value: coded(SPOUSE_DEDUCTION_CODES) },
  { row: 63, name: 'dependentDeduction', labelJa: '扶養控除', labelEn: 'Dependent deduction', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 64, name: 'dependentDeductionInfo', labelJa: '扶養控除情報', labelEn: 'Dependent deduction details', parent: 'residentTaxInfo', value: GROUP },
  { row: 65, name: 'generalDependents', labelJa: '一般', labelEn: 'General dependents', parent: 'dependentDeductionInfo', value: COUNT },
  { row: 66, name: 'specifiedDependents', labelJa: '特定', labelEn: 'Specified dependents', parent: 'dependentDeductionInfo', value: COUNT },
  { row: 67, name: 'elderlyDependents', labelJa: '老人', labelEn: 'Elderly dependents', parent: 'dependentDeductionInfo', value: COUNT },
  { row: 68, name: 'elderlyParentsLivingTogether', labelJa: '同老', labelEn: 'Elderly parents, etc. living together', parent: 'dependentDeductionInfo', value: COUNT },
  { row: 69, name: 'dependentsUnder16', labelJa: '16歳未満扶養者数', labelEn: 'Number of dependents under 16', parent: 'residentTaxInfo', value: COUNT },
  { row: 70, name: 'disabilityDeduction', labelJa: '障害者控除', labelEn: 'Disability deduction', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 71, name: 'disabilityDeductionInfo', labelJa: '障害者控除情報', labelEn: 'Disability deduction details', parent: 'residentTaxInfo', value: GROUP },
  { row: 72, name: 'ordinaryDisabledPersons', labelJa: '普障', labelEn: 'Persons with ordinary disabilities', parent: 'disabilityDeductionInfo', value: COUNT },
  { row: 73, name: 'speciallyDisabledPersons', labelJa: '特障', labelEn: 'Persons with special disabilities', parent: 'disabilityDeductionInfo', value: COUNT },
  { row: 74, name: 'speciallyDisabledLivingTogether', labelJa: '同特', labelEn: 'Persons with special disabilities living together', parent: 'disabilityDeductionInfo', value: COUNT },
  { row: 75, name: 'taxpayerStatus', labelJa: '本人該当区分', labelEn: 'Taxpayer status', parent: 'residentTaxInfo', value: GROUP },
  { row: 76, name: 'sameLivelihoodSpouseStatus', labelJa: '同一生計配偶者', labelEn: 'Spouse sharing livelihood', parent: 'taxpayerStatus', value: coded(APPLICABILITY_CODES) },
  { row: 77, name: 'disabledPersonStatus', labelJa: '控除対象障害者', labelEn: 'Person with disabilities eligible for deduction', parent: 'taxpayerStatus', value: coded(DISABLED_PERSON_CODES) },
  { row: 78, name: 'widowStatus', labelJa: '控除対象寡婦（寡夫）', labelEn: 'Widow (widower) eligible for deduction', parent: 'taxpayerStatus', value: coded(WIDOW_CODES) },
  { row: 79, name: 'workingStudentStatus', labelJa: '控除対象勤労学生', labelEn: 'Working student eligible for deduction', parent: 'taxpayerStatus', value: coded(WORKING_STUDENT_CODES) },
  { row: 80, name: 'dependentStatus', labelJa: '扶養控除対象', labelEn: 'Dependent eligible for dependent deduction', parent: 'taxpayerStatus', value: coded(APPLICABILITY_CODES) },
  { row: 81, name: 'under16DependentStatus', labelJa: '16歳未満扶養親族', labelEn: 'Dependent relative under 16', parent: 'taxpayerStatus', value: coded(APPLICABILITY_CODES) },
  { row: 82, name: 'familyEmployeeDeduction', labelJa: '専従者控除額', labelEn: 'Family employee deduction', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 83, name: 'totalIncomeDeductions', labelJa: '所得控除合計額', labelEn: 'Total income deductions', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 84, name: 'taxableIncome', labelJa: '課税所得額（課税標準額）', labelEn: 'Taxable income (tax base)', parent: 'residentTaxInfo', value: AMOUNT },
]);
