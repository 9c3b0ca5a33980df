/**
 * How a value is kinded in the catalog (`ValueKind['kind']` without the group rows), plus `record`:
 * an info entry whose record format is not public (3-1 … 7-9, 公金受取口座), always null for now.
 */
export type FieldValueKind = 'amount' | 'count' | 'year' | 'date' | 'text' | 'code' | 'record';

/** One retrieved value as the relay hands it to the widget. */
export interface RetrievedValue {
  /** Catalog key, e.g. `localTax.salaryRevenue`. */
  readonly key: string;
  readonly kind: FieldValueKind;
  /** Integer for amount/count/year, `YYYY-MM-DD` for date, string otherwise; null when there is no record. */
  readonly value: number | string | null;
  /** Labels of a code value, for the `code-label` formats. */
  readonly valueLabelJa?: string;
  readonly valueLabelEn?: string;
}

/** Names accepted by `data-myna-format`. */
export const FORMAT_NAMES = [
  'plain',
  'grouped',
  'man-yen',
  'yyyymmdd',
  'iso-date',
  'wareki',
  'wareki-year',
  'code-label',
  'code-label-en',
] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];
