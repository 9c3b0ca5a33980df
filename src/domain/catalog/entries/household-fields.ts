import { RELATIONSHIP_CODES } from './code-lists.js';
import { GROUP, TEXT, coded, fieldEntries } from './field-rows.js';
import { HOUSEHOLD } from './info-household-tax.js';

const RELATIONSHIP = coded(RELATIONSHIP_CODES);

/**
 * Table 2.4-2 「1 世帯」. 住民情報 is the root group; the four 続柄コード sit under
 * 世帯主との続柄コード, since together they spell one relationship (e.g. 妻 + 子).
 */
export const HOUSEHOLD_FIELDS = fieldEntries(HOUSEHOLD, '2.4-2', [
  { row: 1, name: 'residentInfo', labelJa: '住民情報', labelEn: 'Resident information', parent: null, value: GROUP },
  { row: 2, name: 'relationshipToHouseholder', labelJa: '世帯主との続柄コード', labelEn: 'Relationship to the householder (codes)', parent: 'residentInfo', value: GROUP },
  { row: 3, name: 'relationshipCode1', labelJa: '続柄コード1', labelEn: 'Relationship code 1', parent: 'relationshipToHouseholder', value: RELATIONSHIP },
  { row: 4, name: 'relationshipCode2', labelJa: '続柄コード2', labelEn: 'Relationship code 2', parent: 'relationshipToHouseholder', value: RELATIONSHIP },
  { row: 5, name: 'relationshipCode3', labelJa: '続柄コード3', labelEn: 'Relationship code 3', parent: 'relationshipToHouseholder', value: RELATIONSHIP },
  { row: 6, name: 'relationshipCode4', labelJa: '続柄コード4', labelEn: 'Relationship code 4', parent: 'relationshipToHouseholder', value: RELATIONSHIP },
  { row: 7, name: 'householdNumber', labelJa: '世帯番号', labelEn: 'Household number', parent: 'residentInfo', value: TEXT },
]);
