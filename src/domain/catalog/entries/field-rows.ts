import type { CodeValue, FieldEntry, InfoEntry, ValueKind } from '../types.js';

/** One row of table 2.4-2 or 2.4-3; `parent` names a group row of the same table (null: the info entry). */
export interface FieldRow {
  row: number;
  name: string;
  labelJa: string;
  labelEn: string;
  parent: string | null;
  value: ValueKind;
}

export const GROUP: ValueKind = { kind: 'group' };
export const AMOUNT: ValueKind = { kind: 'amount' };
export const COUNT: ValueKind = { kind: 'count' };
export const YEAR: ValueKind = { kind: 'year' };
export const TEXT: ValueKind = { kind: 'text' };

export function coded(codes: readonly CodeValue[]): ValueKind {
  return { kind: 'code', codes };
}

/** Field keys are `<info key>.<name>`; fields inherit the info entry's number and servers. */
export function fieldEntries(
  info: InfoEntry & { infoNumber: string },
  table: FieldEntry['table'],
  rows: readonly FieldRow[],
): FieldEntry[] {
  return rows.map((row) => ({
    kind: 'field',
    key: `${info.key}.${row.name}`,
    labelJa: row.labelJa,
    labelEn: row.labelEn,
    infoNumber: info.infoNumber,
    server: info.server,
    parent: row.parent === null ? info.key : `${info.key}.${row.parent}`,
    table,
    row: row.row,
    value: row.value,
  }));
}
