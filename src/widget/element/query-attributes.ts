import type { Query } from '../relay-client/index.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real day: `2025-02-29` and `2025-13-01` match the pattern but are not. */
function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export interface QueryAttributes {
  query: string;
  at: string;
  from: string;
  to: string;
}

export interface AttributeProblem {
  attribute: string;
  reason: string;
}

/** Reads the guideline's query methods (2.6) from the attributes, or names the attribute that is wrong. */
export function parseQuery({ query, at, from, to }: QueryAttributes): Query | AttributeProblem {
  switch (query || 'latest') {
    case 'latest':
      return { method: 'latest' };
    case 'at':
      return isCalendarDate(at) ? { method: 'at', at } : { attribute: 'at', reason: `"${at}" is not a YYYY-MM-DD date` };
    case 'range':
      if (!isCalendarDate(from)) return { attribute: 'from', reason: `"${from}" is not a YYYY-MM-DD date` };
      if (!isCalendarDate(to)) return { attribute: 'to', reason: `"${to}" is not a YYYY-MM-DD date` };
      if (from > to) return { attribute: 'from', reason: `${from} is after ${to}` };
      return { method: 'range', from, to };
    default:
      return { attribute: 'query', reason: `"${query}" is not latest, at or range` };
  }
}
