export { FormatError, calendarDate, formatValue, isFormatName } from './formats.js';
export { FORMAT_NAMES, type FieldValueKind, type FormatName, type RetrievedValue } from './types.js';
