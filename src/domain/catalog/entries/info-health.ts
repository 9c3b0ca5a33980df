import type { CatalogEntry } from '../types.js';
import { categoryWithInfo } from './build.js';
import { FIELD_NAMES } from './field-names.js';

/** Table 2.4-1, 分野名 社会保障（健康・医療）: info numbers 3-1 .. 3-20. */
export const HEALTH_ENTRIES: readonly CatalogEntry[] = [
  ...categoryWithInfo(
    {
      key: 'medicalInsurance',
      detailNameJa: '医療保険',
      labelEn: 'Medical insurance',
      field: FIELD_NAMES.healthMedical,
    },
    [
      {
        infoNumber: '3-1',
        name: 'schoolHealthMedicalAid',
        contentJa: '学校保健安全法による医療に要する費用についての援助に関する情報',
        contentEn: 'Information on assistance with medical costs under the School Health and Safety Act',
      },
      {
        infoNumber: '3-2',
        name: 'medicalBenefitsAndPremiums',
        contentJa: '医療保険各法又は高齢者の医療の確保に関する法律による医療に関する給付の支給又は保険料の徴収に関する情報',
        contentEn: 'Information on the payment of medical benefits or the collection of premiums under the medical insurance acts or the Act on Assurance of Medical Care for Elderly People',
      },
      {
        infoNumber: '3-3',
        name: 'marinersInsuranceBenefits',
        contentJa: '船員保険法による保険給付の支給に関する情報',
        contentEn: 'Information on the payment of insurance benefits under the Mariners Insurance Act',
      },
    ],
  ),
  ...categoryWithInfo(
    {
      key: 'vaccination',
      detailNameJa: '予防接種',
      labelEn: 'Vaccination',
      field: FIELD_NAMES.healthMedical,
    },
    [
      {
        infoNumber: '3-4',
        name: 'vaccinationRecords',
        contentJa: '予防接種法による予防接種の実施に関する情報',
        contentEn: 'Information on vaccinations given under the Immunization Act',
      },
    ],
  ),
  ...categoryWithInfo(
    {
      key: 'healthMedicalOther',
      detailNameJa: '健康・医療その他',
      labelEn: 'Other health and medical care',
      field: FIELD_NAMES.healthMedical,
    },
    [
      {
        infoNumber: '3-5',
        name: 'nationalHealthInsuranceArt56OtherLawBenefits',
        contentJa: '国民健康保険法第五十六条第一項に規定する他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under other laws as provided in Article 56(1) of the National Health Insurance Act',
      },
      {
        infoNumber: '3-6',
        name: 'healthInsuranceArt55OtherLawBenefits',
        contentJa: '健康保険法第五十五条に規定する他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under other laws as provided in Article 55 of the Health Insurance Act',
      },
      {
        infoNumber: '3-7',
        name: 'healthInsuranceArt228OtherLawBenefits',
        contentJa: '健康保険法第二百二十八条に規定する他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under other laws as provided in Article 228 of the Health Insurance Act',
      },
      {
        infoNumber: '3-8',
        name: 'elderlyMedicalCareArt57OtherLawBenefits',
        contentJa: '高齢者の医療の確保に関する法律第五十七条第一項に規定する他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under other laws as provided in Article 57(1) of the Act on Assurance of Medical Care for Elderly People',
      },
      {
        infoNumber: '3-9',
        name: 'disabilitySupportArt7OtherLawBenefits',
        contentJa: '障害者の日常生活及び社会生活を総合的に支援するための法律第七条に規定する他の法令により行われる給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under other laws as provided in Article 7 of the Act on Comprehensive Support for the Daily and Social Lives of Persons with Disabilities',
      },
      {
        infoNumber: '3-10',
        name: 'childWelfareArt21Sub5Sub30OtherLawBenefits',
        contentJa: '児童福祉法第二十一条の五の三十に規定する他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under other laws as provided in Article 21-5-30 of the Child Welfare Act',
      },
      {
        infoNumber: '3-11',
        name: 'childWelfareArt24Sub22OtherLawBenefits',
        contentJa: '児童福祉法第二十四条の二十二に規定する他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under other laws as provided in Article 24-22 of the Child Welfare Act',
      },
      {
        infoNumber: '3-12',
        name: 'employmentInsuranceArt37OtherLawBenefits',
        contentJa: '雇用保険法第三十七条第八項に規定する他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under other laws as provided in Article 37(8) of the Employment Insurance Act',
      },
      {
        infoNumber: '3-13',
        name: 'marinersInsuranceArt33OtherLawBenefits',
        contentJa: '船員保険法第三十三条に規定する他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under other laws as provided in Article 33 of the Mariners Insurance Act',
      },
      {
        infoNumber: '3-14',
        name: 'longTermCareInsuranceArt20OtherLawBenefits',
        contentJa: '介護保険法第二十条に規定する他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under other laws as provided in Article 20 of the Long-Term Care Insurance Act',
      },
      {
        infoNumber: '3-15',
        name: 'mentalHealthArt30Sub2OtherLawMedicalBenefits',
        contentJa: '精神保健及び精神障害者福祉に関する法律第三十条の二に規定する他の法律による医療に関する給付の支給に関する情報',
        contentEn: 'Information on the payment of medical benefits under other laws as provided in Article 30-2 of the Act on Mental Health and Welfare for Persons with Mental Disabilities',
      },
      {
        infoNumber: '3-16',
        name: 'infectiousDiseasesArt39OtherLawMedicalBenefits',
        contentJa: '感染症の予防及び感染症の患者に対する医療に関する法律第三十九条第一項に規定する他の法律による医療に関する給付の支給に関する情報',
        contentEn: 'Information on the payment of medical benefits under other laws as provided in Article 39(1) of the Act on the Prevention of Infectious Diseases and Medical Care for Patients with Infectious Diseases',
      },
      {
        infoNumber: '3-17',
        name: 'medicalBenefitsUnderInsuranceAndOtherLaws',
        contentJa: '医療保険各法その他の法令による医療に関する給付の支給に関する情報',
        contentEn: 'Information on the payment of medical benefits under the medical insurance acts and other laws',
      },
      {
        infoNumber: '3-18',
        name: 'childWelfareArt19Sub7OtherLawBenefits',
        contentJa: '児童福祉法第十九条の七に規定する他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under other laws as provided in Article 19-7 of the Child Welfare Act',
      },
      {
        infoNumber: '3-19',
        name: 'intractableDiseaseMedicalExpenses',
        contentJa: '難病の患者に対する医療等に関する法律による特定医療費の支給に関する情報',
        contentEn: 'Information on the payment of specified medical expenses under the Act on Medical Care for Patients with Intractable Diseases',
      },
      {
        infoNumber: '3-20',
        name: 'intractableDiseaseArt12OtherLawBenefits',
        contentJa: '難病の患者に対する医療等に関する法律第十二条に規定する他の法令による給付の支給に関する情報',
        contentEn: 'Information on the payment of benefits under other laws as provided in Article 12 of the Act on Medical Care for Patients with Intractable Diseases',
      },
    ],
  ),
];
