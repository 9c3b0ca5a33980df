import { RETURN_FILED_CODES, TAXED_OUTSIDE_REGISTRATION_CODES } from './code-lists.js';
import { AMOUNT, TEXT, coded, fieldEntries } from './field-rows.js';
import { LOCAL_TAX } from './info-household-tax.js';

/** Table 2.4-3 「2 地方税」 rows 85-107: tax credits, levies and filing status. */
export const LOCAL_TAX_LEVY_FIELDS = fieldEntries(LOCAL_TAX, '2.4-3', [
  { row: 85, name: 'municipalIncomeLevyBeforeCredits', labelJa: '市町村民税 税額控除前所得割額', labelEn: 'Municipal tax: income levy before tax credits', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 86, name: 'municipalAdjustmentCredit', labelJa: '市町村民税 調整控除額', labelEn: 'Municipal tax: adjustment credit', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 87, name: 'municipalAdjustment', labelJa: '市町村民税 調整額', labelEn: 'Municipal tax: adjustment amount', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 88, name: 'municipalHousingLoanCredit', labelJa: '市町村民税 住宅借入金等特別税額控除額', labelEn: 'Municipal tax: special credit for housing loans, etc.', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 89, name: 'municipalHousingLoanCreditBeforeTaxTransfer', labelJa: '市町村民税 住宅借入金等特別税額控除額【税源移譲前】', labelEn: 'Municipal tax: special credit for housing loans, etc. [before the tax-source transfer]', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 90, name: 'municipalDonationCredit', labelJa: '市町村民税 寄附金税額控除額', labelEn: 'Municipal tax: donation credit', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 91, name: 'municipalDonationCreditBeforeTaxTransfer', labelJa: '市町村民税 寄附金税額控除額【税源移譲前】', labelEn: 'Municipal tax: donation credit [before the tax-source transfer]', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 92, name: 'municipalForeignTaxCredit', labelJa: '市町村民税 外国税控除額', labelEn: 'Municipal tax: foreign tax credit', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 93, name: 'municipalDividendCredit', labelJa: '市町村民税 配当控除額', labelEn: 'Municipal tax: dividend credit', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 94, name: 'municipalDividendOrStockLevyCredit', labelJa: '市町村民税 配当割額又は株式等譲渡所得割額の控除額', labelEn: 'Municipal tax: credit for the dividend levy or the levy on gains from shares', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 95, name: 'municipalIncomeLevy', labelJa: '市町村民税所得割額', labelEn: 'Municipal tax income levy', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 96, name: 'municipalIncomeLevyBeforeTaxTransfer', labelJa: '市町村民税所得割額【税源移譲前】', labelEn: 'Municipal tax income levy [before the tax-source transfer]', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 97, name: 'municipalPerCapitaLevy', labelJa: '市町村民税均等割額', labelEn: 'Municipal tax per-capita levy', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 98, name: 'prefecturalIncomeLevy', labelJa: '都道府県民税所得割額', labelEn: 'Prefectural tax income levy', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 99, name: 'prefecturalPerCapitaLevy', labelJa: '都道府県民税均等割額', labelEn: 'Prefectural tax per-capita levy', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 100, name: 'residentialLoss', labelJa: '居住用損失額', labelEn: 'Residential property loss', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 101, name: 'municipalIncomeLevyBeforeReduction', labelJa: '市町村民税所得割額（減免前）', labelEn: 'Municipal tax income levy (before reduction or exemption)', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 102, name: 'municipalPerCapitaLevyBeforeReduction', labelJa: '市町村民税均等割額（減免前）', labelEn: 'Municipal tax per-capita levy (before reduction or exemption)', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 103, name: 'taxReduction', labelJa: '減免税額', labelEn: 'Amount of tax reduced or exempted', parent: 'residentTaxInfo', value: AMOUNT },
  { row: 104, name: 'incomeTaxReturnFiled', labelJa: '所得税確定申告書の提出の有無', labelEn: 'Income tax return filed', parent: 'residentTaxInfo', value: coded(RETURN_FILED_CODES) },
  { row: 105, name: 'residentTaxReturnFiled', labelJa: '住民税申告書の提出の有無', labelEn: 'Inhabitant tax return filed', parent: 'residentTaxInfo', value: coded(RETURN_FILED_CODES) },
  { row: 106, name: 'taxedOutsideRegistration', labelJa: '住民登録外課税の有無', labelEn: 'Taxed where not registered as a resident', parent: 'residentTaxInfo', value: coded(TAXED_OUTSIDE_REGISTRATION_CODES) },
  { row: 107, name: 'taxingMunicipalityCode', labelJa: '住民登録外課税者の課税地市区町村コード', labelEn: 'Municipality code of the place of taxation (for those taxed where not registered)', parent: 'residentTaxInfo', value: TEXT },
]);
