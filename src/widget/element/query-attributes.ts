import { calendarDate } from '../../domain/mapping/index.js';
import type { Query } from '../relay-client/index.js';

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

/**
 * Reads the guideline's query methods (2.6) from the attributes, or names the attribute that is wrong.
 * Dates must be real days: `2025-02-29` and `2025-13-01` match the pattern but are not.
 */
export function parseQuery({ query, at, from, to }: QueryAttributes): Query | AttributeProblem {
  switch (query || 'latest') {
    case 'latest':
      return { method: 'latest' };
    case 'at':
      return calendarDate(at) ? { method: 'at', at } : { attribute: 'at', reason: `"${at}" is not a YYYY-MM-DD date` };
    case 'range':
      if (!calendarDate(from)) return { attribute: 'from', reason: `"${from}" is not a YYYY-MM-DD date` };
      if (!calendarDate(to)) return { attribute: 'to', reason: `"${to}" is not a YYYY-MM-DD date` };
      if (from > to) return { attribute: 'from', reason: `${from} is after ${to}` };
      return { method: 'range', from, to };
    default:
      return { attribute: 'query', reason: `"${query}" is not latest, at or range` };
  }
}
