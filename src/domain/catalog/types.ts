import type { IntermediateServerId } from './servers.js';

/** One value of a coded item. Real portal codes are not public, so `code` is our own stable id. */
export interface CodeValue {
  code: string;
  labelJa: string;
  labelEn: string;
}

export type ValueKind =
  | { kind: 'group' } // rows marked — in tables 2.4-2 / 2.4-3
  | { kind: 'amount' } // yen
  | { kind: 'count' } // number of persons
  | { kind: 'year' }
  | { kind: 'date' }
  | { kind: 'text' } // identifiers such as 世帯番号, 市区町村コード
  | { kind: 'code'; codes: readonly CodeValue[] };

interface BaseEntry {
  key: string;
  labelJa: string;
  labelEn: string;
  infoNumber: string | null;
  server: readonly IntermediateServerId[];
  parent: string | null;
}

/** A 分野詳細名 of table 2.4-1 that groups several info numbers (fields 3-7). */
export interface CategoryEntry extends BaseEntry {
  kind: 'category';
  infoNumber: null;
  fieldNameJa: string;
  fieldNameEn: string;
}

/** One self-information item (自己情報番号), or 公金受取口座 which has no number. */
export interface InfoEntry extends BaseEntry {
  kind: 'info';
  infoNumber: string | null;
  fieldNameJa: string;
  fieldNameEn: string;
  detailNameJa: string;
  detailNameEn: string;
  contentJa: string;
  contentEn: string;
}

/** One row of table 2.4-2 (世帯) or 2.4-3 (地方税). */
export interface FieldEntry extends BaseEntry {
  kind: 'field';
  infoNumber: string;
  table: '2.4-2' | '2.4-3';
  row: number;
  value: ValueKind;
}

export type CatalogEntry = CategoryEntry | InfoEntry | FieldEntry;

/** One entry of `GET /v1/catalog`: plain JSON, with the value kind for fields. */
export interface ApiCatalogEntry {
  key: string;
  kind: CatalogEntry['kind'];
  infoNumber: string | null;
  labelJa: string;
  labelEn: string;
  server: IntermediateServerId[];
  parent: string | null;
  value?: ValueKind;
}
