import type { InfoEntry } from '../types.js';
import { FIELD_NAMES } from './field-names.js';
import { HOLDING_SERVERS } from './holding-servers.js';

// Info numbers 1 and 2 are each the only number of their 分野詳細名, which the guideline itself
// uses as their name (「1 世帯」「2 地方税」), so they get no separate category entry.

export const HOUSEHOLD = {
  kind: 'info',
  key: 'household',
  labelJa: '世帯',
  labelEn: 'Household',
  infoNumber: '1',
  server: HOLDING_SERVERS.世帯,
  parent: null,
  fieldNameJa: FIELD_NAMES.household.ja,
  fieldNameEn: FIELD_NAMES.household.en,
  detailNameJa: '世帯',
  detailNameEn: 'Household',
  contentJa: '住民基本台帳法第七条第四号に規定する事項',
  contentEn: 'Matters provided in Article 7(iv) of the Basic Resident Registration Act',
} satisfies InfoEntry;

export const LOCAL_TAX = {
  kind: 'info',
  key: 'localTax',
  labelJa: '地方税',
  labelEn: 'Local tax',
  infoNumber: '2',
  server: HOLDING_SERVERS.地方税,
  parent: null,
  fieldNameJa: FIELD_NAMES.taxIncomeAccount.ja,
  fieldNameEn: FIELD_NAMES.taxIncomeAccount.en,
  detailNameJa: '地方税',
  detailNameEn: 'Local tax',
  contentJa:
    '地方税法その他の地方税に関する法律に基づく条例の規定により算定した税額若しくはその算定の基礎となる事項に関する情報',
  contentEn:
    'Information on tax amounts calculated under ordinances based on the Local Tax Act and other local tax laws, or on the matters that calculation is based on',
} satisfies InfoEntry;

// Added in v2.2 (table 2.5-5 only): it has no info number and no 情報の内容, so the content
// repeats its 分野詳細名.
export const PUBLIC_FUND_ACCOUNT = {
  kind: 'info',
  key: 'publicFundAccount',
  labelJa: '公金受取口座',
  labelEn: 'Public fund receipt account',
  infoNumber: null,
  server: HOLDING_SERVERS.公金受取口座,
  parent: null,
  fieldNameJa: FIELD_NAMES.taxIncomeAccount.ja,
  fieldNameEn: FIELD_NAMES.taxIncomeAccount.en,
  detailNameJa: '公金受取口座',
  detailNameEn: 'Public fund receipt account',
  contentJa: '公金受取口座',
  contentEn: 'Public fund receipt account',
} satisfies InfoEntry;
