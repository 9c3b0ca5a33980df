import { descendantsOf } from '../../domain/catalog/index.js';
import type { FieldValue, PersonaRecord } from './records.js';

/** What the portal answers for a persona once consent is given. */
export type PersonaOutcome =
  | { status: 'SUCCESS'; timing: 'immediate' | 'slow' }
  | { status: 'ERROR'; code: string; message: string };

/** A test My Number card and the government data behind it. Names and numbers are fictitious. */
export interface Persona {
  /** Account id inside the sandbox; clients only ever see a pairwise subject. */
  id: string;
  nameJa: string;
  nameEn: string;
  descriptionJa: string;
  descriptionEn: string;
  pin: string;
  /** The card holder's basic attributes (基本4情報), reported with every result as `holder`. */
  holder: { name: string; nameKana: string; birthDate: string; address: string };
  outcome: PersonaOutcome;
  /** Sorted by `asOf`; one per tax year (課税年度), as of June 1st when the levy is fixed. */
  records: readonly PersonaRecord[];
}

type Values = Record<string, FieldValue>;

const LOCAL_TAX_VALUE_KEYS = descendantsOf('localTax')
  .filter((entry) => entry.kind === 'field' && entry.value.kind !== 'group')
  .map((entry) => entry.key);

/** A filed-and-assessed local tax record where nothing applies: amounts 0, statuses negative. */
const QUIET_TAX_RECORD: Values = {
  ...Object.fromEntries(LOCAL_TAX_VALUE_KEYS.map((key) => [key, 0])),
  'localTax.spouseDeductionType': 'none',
  'localTax.sameLivelihoodSpouseStatus': 'notApplicable',
  'localTax.disabledPersonStatus': 'notApplicable',
  'localTax.widowStatus': 'notApplicable',
  'localTax.workingStudentStatus': 'notApplicable',
  'localTax.dependentStatus': 'notApplicable',
  'localTax.under16DependentStatus': 'notApplicable',
  'localTax.incomeTaxReturnFiled': 'notFiled',
  'localTax.residentTaxReturnFiled': 'notFiled',
  'localTax.taxedOutsideRegistration': 'notApplicable',
  'localTax.taxingMunicipalityCode': null,
};

const NO_TAX_RECORD: Values = Object.fromEntries(LOCAL_TAX_VALUE_KEYS.map((key) => [key, null]));

function household(householdNumber: string, relationship: string): Values {
  return {
    'household.relationshipCode1': relationship,
    'household.relationshipCode2': 'blank',
    'household.relationshipCode3': 'blank',
    'household.relationshipCode4': 'blank',
    'household.householdNumber': householdNumber,
  };
}

function taxYear(year: number, householdValues: Values, tax: Values | null): PersonaRecord {
  const taxValues = tax === null ? NO_TAX_RECORD : { ...QUIET_TAX_RECORD, 'localTax.taxYear': year, ...tax };
  return { asOf: `${year}-06-01`, values: { ...householdValues, ...taxValues } };
}

/** One tax year of a salary earner: the amounts that differ between people and years. */
interface SalaryYear {
  year: number;
  revenue: number;
  /** 給与所得: revenue minus the employment income deduction; also every income total above it. */
  income: number;
  deductions: Values;
  totalDeductions: number;
  taxable: number;
  levyBeforeCredits: number;
  adjustmentCredit: number;
  municipalLevy: number;
  prefecturalLevy: number;
  /** Whether the per-capita levies (市 3,000 円, 県 1,000 円) are charged. */
  perCapita: boolean;
}

function salaryRecord(householdValues: Values, year: SalaryYear): PersonaRecord {
  const municipalPerCapita = year.perCapita ? 3_000 : 0;
  return taxYear(year.year, householdValues, {
    'localTax.salaryRevenue': year.revenue,
    'localTax.salaryIncome': year.income,
    'localTax.aggregateIncome': year.income,
    'localTax.totalIncome': year.income,
    'localTax.aggregateIncomeEtc': year.income,
    ...year.deductions,
    'localTax.totalIncomeDeductions': year.totalDeductions,
    'localTax.taxableIncome': year.taxable,
    'localTax.municipalIncomeLevyBeforeCredits': year.levyBeforeCredits,
    'localTax.municipalAdjustmentCredit': year.adjustmentCredit,
    'localTax.municipalIncomeLevy': year.municipalLevy,
    'localTax.municipalIncomeLevyBeforeReduction': year.municipalLevy,
    'localTax.municipalPerCapitaLevy': municipalPerCapita,
    'localTax.municipalPerCapitaLevyBeforeReduction': municipalPerCapita,
    'localTax.prefecturalIncomeLevy': year.prefecturalLevy,
    'localTax.prefecturalPerCapitaLevy': year.perCapita ? 1_000 : 0,
  });
}

const YAMADA_HOUSEHOLD = '0012345678';

const taroDeductions = (socialInsurance: number): Values => ({
  'localTax.socialInsurancePremiumDeduction': socialInsurance,
  'localTax.lifeInsurancePremiumDeduction': 28_000,
  'localTax.earthquakeInsurancePremiumDeduction': 2_500,
  'localTax.spouseDeductionType': 'generalQualifyingSpouse',
  'localTax.dependentsUnder16': 1,
});

/** The guideline's example applicant (figure 2.3-6: 年収 567 万円). */
const yamadaTaro: Persona = {
  id: 'yamada-taro',
  nameJa: '山田 太郎',
  nameEn: 'Taro Yamada',
  descriptionJa: '会社員・世帯主。給与収入 567万円（2025年度）',
  descriptionEn: 'Employee, head of household. Salary revenue ¥5,670,000 (tax year 2025)',
  pin: '1234',
  holder: { name: '山田　太郎', nameKana: 'ヤマダ　タロウ', birthDate: '1985-04-12', address: '東京都千代田区霞が関二丁目1番1号' },
  outcome: { status: 'SUCCESS', timing: 'immediate' },
  records: [
    { year: 2023, revenue: 5_050_000, income: 3_598_400, deductions: taroDeductions(727_200), totalDeductions: 1_517_700, taxable: 2_080_000, levyBeforeCredits: 124_800, adjustmentCredit: 1_500, municipalLevy: 123_300, prefecturalLevy: 82_200, perCapita: true },
    { year: 2024, revenue: 5_320_000, income: 3_816_000, deductions: taroDeductions(766_080), totalDeductions: 1_556_580, taxable: 2_259_000, levyBeforeCredits: 135_540, adjustmentCredit: 1_500, municipalLevy: 134_000, prefecturalLevy: 89_300, perCapita: true },
    { year: 2025, revenue: 5_670_000, income: 4_094_400, deductions: taroDeductions(816_420), totalDeductions: 1_606_920, taxable: 2_487_000, levyBeforeCredits: 149_220, adjustmentCredit: 1_500, municipalLevy: 147_700, prefecturalLevy: 98_400, perCapita: true },
  ].map((year) => salaryRecord(household(YAMADA_HOUSEHOLD, 'householder'), year)),
};

const hanakoDeductions: Values = { 'localTax.sameLivelihoodSpouseStatus': 'applicable' };

/** Same household as 太郎. At 合計所得 45 万円 or less no levy is charged at all. */
const yamadaHanako: Persona = {
  id: 'yamada-hanako',
  nameJa: '山田 花子',
  nameEn: 'Hanako Yamada',
  descriptionJa: '山田 太郎の妻（続柄: 妻）。パート収入',
  descriptionEn: "Taro Yamada's wife (relationship: wife). Part-time salary",
  pin: '2345',
  holder: { name: '山田　花子', nameKana: 'ヤマダ　ハナコ', birthDate: '1987-09-30', address: '東京都千代田区霞が関二丁目1番1号' },
  outcome: { status: 'SUCCESS', timing: 'immediate' },
  records: [
    { year: 2023, revenue: 980_000, income: 430_000, deductions: hanakoDeductions, totalDeductions: 430_000, taxable: 0, levyBeforeCredits: 0, adjustmentCredit: 0, municipalLevy: 0, prefecturalLevy: 0, perCapita: false },
    { year: 2024, revenue: 1_000_000, income: 450_000, deductions: hanakoDeductions, totalDeductions: 430_000, taxable: 20_000, levyBeforeCredits: 0, adjustmentCredit: 0, municipalLevy: 0, prefecturalLevy: 0, perCapita: false },
    { year: 2025, revenue: 1_030_000, income: 480_000, deductions: hanakoDeductions, totalDeductions: 430_000, taxable: 50_000, levyBeforeCredits: 3_000, adjustmentCredit: 1_500, municipalLevy: 1_500, prefecturalLevy: 1_000, perCapita: true },
  ].map((year) => salaryRecord(household(YAMADA_HOUSEHOLD, 'wife'), year)),
};

/** Registered as a resident, but no municipality holds a tax record (e.g. back from abroad). */
const satoKen: Persona = {
  id: 'sato-ken',
  nameJa: '佐藤 健',
  nameEn: 'Ken Sato',
  descriptionJa: '単身世帯。地方税の記録なし（値はすべて null）',
  descriptionEn: 'Single-person household. No local tax record (all values null)',
  pin: '3456',
  holder: { name: '佐藤　健', nameKana: 'サトウ　ケン', birthDate: '1992-01-20', address: '大阪府大阪市北区中之島一丁目3番20号' },
  outcome: { status: 'SUCCESS', timing: 'immediate' },
  records: [2023, 2024, 2025].map((year) => taxYear(year, household('0023456789', 'householder'), null)),
};

const singleDeductions = (socialInsurance: number): Values => ({
  'localTax.socialInsurancePremiumDeduction': socialInsurance,
  'localTax.lifeInsurancePremiumDeduction': 28_000,
});

const suzukiIchiro: Persona = {
  id: 'suzuki-ichiro',
  nameJa: '鈴木 一郎',
  nameEn: 'Ichiro Suzuki',
  descriptionJa: '応答が遅い（結果が出るまで時間がかかる。既定は25秒）',
  descriptionEn: 'Slow answer (the result takes a while; 25 seconds by default)',
  pin: '4567',
  holder: { name: '鈴木　一郎', nameKana: 'スズキ　イチロウ', birthDate: '1979-11-03', address: '愛知県名古屋市中区三の丸三丁目1番1号' },
  outcome: { status: 'SUCCESS', timing: 'slow' },
  records: [
    { year: 2024, revenue: 4_050_000, income: 2_798_400, deductions: singleDeductions(587_250), totalDeductions: 1_045_250, taxable: 1_753_000, levyBeforeCredits: 105_180, adjustmentCredit: 1_500, municipalLevy: 103_600, prefecturalLevy: 69_100, perCapita: true },
    { year: 2025, revenue: 4_200_000, income: 2_920_000, deductions: singleDeductions(609_000), totalDeductions: 1_067_000, taxable: 1_853_000, levyBeforeCredits: 111_180, adjustmentCredit: 1_500, municipalLevy: 109_600, prefecturalLevy: 73_100, perCapita: true },
  ].map((year) => salaryRecord(household('0034567890', 'householder'), year)),
};

/** The portal accepts the request but the intermediate server fails: the result is an ERROR. */
const takahashiMisaki: Persona = {
  id: 'takahashi-misaki',
  nameJa: '高橋 美咲',
  nameEn: 'Misaki Takahashi',
  descriptionJa: '取得に失敗する（中間サーバのエラー）',
  descriptionEn: 'Retrieval fails (intermediate server error)',
  pin: '5678',
  holder: { name: '高橋　美咲', nameKana: 'タカハシ　ミサキ', birthDate: '1995-07-07', address: '福岡県福岡市中央区天神一丁目8番1号' },
  outcome: {
    status: 'ERROR',
    code: 'INTERMEDIATE_SERVER_ERROR',
    message: 'The intermediate server holding the data did not answer (sandbox persona).',
  },
  records: [],
};

/**
 * Someone else of the same name: the data is real, but a provider session naming the demo
 * applicant 山田 太郎 (born 1985-04-12) must get nothing from this card (subject_mismatch).
 */
const yamadaTaroOther: Persona = {
  id: 'yamada-taro-other',
  nameJa: '山田 太郎（同姓同名の別人）',
  nameEn: 'Taro Yamada (another person, same name)',
  descriptionJa: '申込者と氏名は同じで生年月日が違う（本人確認で不一致になる）',
  descriptionEn: 'Same name as the applicant, different birth date (fails the identity check)',
  pin: '6789',
  holder: { name: '山田　太郎', nameKana: 'ヤマダ　タロウ', birthDate: '1990-02-14', address: '北海道札幌市中央区北一条西二丁目' },
  outcome: { status: 'SUCCESS', timing: 'immediate' },
  records: [
    { year: 2025, revenue: 3_800_000, income: 2_640_000, deductions: singleDeductions(551_000), totalDeductions: 1_009_000, taxable: 1_631_000, levyBeforeCredits: 97_860, adjustmentCredit: 1_500, municipalLevy: 96_300, prefecturalLevy: 64_200, perCapita: true },
  ].map((year) => salaryRecord(household('0045678901', 'householder'), year)),
};

export const PERSONAS: readonly Persona[] = [yamadaTaro, yamadaHanako, satoKen, suzukiIchiro, takahashiMisaki, yamadaTaroOther];

export function personaById(id: string): Persona | undefined {
  return PERSONAS.find((persona) => persona.id === id);
}
