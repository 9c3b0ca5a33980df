import type { CatalogEntry, CategoryEntry, InfoEntry } from '../types.js';
import type { FieldName } from './field-names.js';
import { HOLDING_SERVERS, type DetailNameJa } from './holding-servers.js';

export interface CategorySpec {
  key: string;
  detailNameJa: DetailNameJa;
  labelEn: string;
  field: FieldName;
}

/** One info-number row of table 2.4-1; `name` becomes the second part of the key. */
export interface InfoRow {
  infoNumber: string;
  name: string;
  contentJa: string;
  contentEn: string;
}

/**
 * A 分野詳細名 followed by its info numbers. The table gives no name shorter than 情報の内容 for
 * an info number, so that text is also its label. Servers come from table 2.5-5.
 */
export function categoryWithInfo(spec: CategorySpec, rows: readonly InfoRow[]): CatalogEntry[] {
  const category: CategoryEntry = {
    kind: 'category',
    key: spec.key,
    labelJa: spec.detailNameJa,
    labelEn: spec.labelEn,
    infoNumber: null,
    server: HOLDING_SERVERS[spec.detailNameJa],
    parent: null,
    fieldNameJa: spec.field.ja,
    fieldNameEn: spec.field.en,
  };
  const infos = rows.map(
    (row): InfoEntry => ({
      kind: 'info',
      key: `${spec.key}.${row.name}`,
      labelJa: row.contentJa,
      labelEn: row.contentEn,
      infoNumber: row.infoNumber,
      server: category.server,
      parent: category.key,
      fieldNameJa: category.fieldNameJa,
      fieldNameEn: category.fieldNameEn,
      detailNameJa: category.labelJa,
      detailNameEn: category.labelEn,
      contentJa: row.contentJa,
      contentEn: row.contentEn,
    }),
  );
  return [category, ...infos];
}
