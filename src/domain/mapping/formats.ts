import { FORMAT_NAMES, type FormatName, type RetrievedValue } from './types.js';

export class FormatError extends Error {
  override name = 'FormatError';
}

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

const warekiDate = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: 'UTC',
});
const warekiYear = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', timeZone: 'UTC' });
// Grouping is ja-JP's default.
const grouped = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

function numberOf(field: RetrievedValue, format: FormatName): number {
  if (typeof field.value !== 'number') throw new FormatError(`${format} needs a number, ${field.key} is ${field.kind}`);
  return field.value;
}

/** A `YYYY-MM-DD` that is a real day, at midnight UTC; null for anything else (`2025-02-30`, `2025-13-01`). */
export function calendarDate(value: unknown): Date | null {
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  // An impossible day is an invalid Date; a real calendar date survives the round trip.
  return date && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value as string) ? date : null;
}

function dateOf(field: RetrievedValue, format: FormatName): Date {
  const date = calendarDate(field.value);
  if (!date) throw new FormatError(`${format} needs a date, ${field.key} is ${String(field.value)}`);
  return date;
}

function codeLabel(field: RetrievedValue, label: string | undefined, format: FormatName): string {
  if (field.kind !== 'code' || label === undefined) throw new FormatError(`${format} needs a code, ${field.key} is ${field.kind}`);
  return label;
}

/** The format used when the host names none: what a person would type into the field. */
function defaultFormat(field: RetrievedValue): FormatName {
  return field.kind === 'code' ? 'code-label' : field.kind === 'date' ? 'iso-date' : 'plain';
}

/**
 * Turns a retrieved value into the text for a host input. A missing record becomes '' so the host
 * field is left for manual entry. Throws FormatError when the format does not fit the value.
 */
export function formatValue(field: RetrievedValue, format: FormatName = defaultFormat(field)): string {
  if (field.value === null) return '';
  switch (format) {
    case 'plain':
      return String(field.value);
    case 'grouped':
      return grouped.format(numberOf(field, format));
    case 'man-yen':
      // Whole 万円, rounded down so an income is never overstated (5,675,000 円 → 567).
      return String(Math.floor(numberOf(field, format) / 10_000));
    case 'yyyymmdd':
      return dateOf(field, format).toISOString().slice(0, 10).replaceAll('-', '');
    case 'iso-date':
      return dateOf(field, format).toISOString().slice(0, 10);
    case 'wareki':
      return warekiDate.format(dateOf(field, format));
    case 'wareki-year':
      return warekiYear.format(new Date(Date.UTC(numberOf(field, format), 11, 31)));
    case 'code-label':
      return codeLabel(field, field.valueLabelJa, format);
    case 'code-label-en':
      return codeLabel(field, field.valueLabelEn, format);
  }
}
