import { ProblemError } from '../problem.js';
import type { FlowQuery } from '../query.js';

/** Dates are not after today in Japan, and a range runs forward (400 `invalid-query`). */
export function checkQueryDates(query: FlowQuery, today: string): void {
  const future = (field: string) =>
    new ProblemError('invalid-query', `query.${field} lies in the future (today is ${today} in Japan)`, {
      field: `query.${field}`,
    });
  if (query.method === 'at' && query.at > today) throw future('at');
  if (query.method === 'range') {
    if (query.from > query.to) {
      throw new ProblemError('invalid-query', 'query.from is after query.to', { field: 'query.from' });
    }
    if (query.to > today) throw future('to');
  }
}

/** The hand-off goes back to the page that started the flow, so its origin must be the caller's. */
export function checkReturnUrl(raw: string, origin: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ProblemError('invalid-return-url', 'returnUrl must be an absolute URL', { field: 'returnUrl' });
  }
  if (url.origin !== origin) {
    throw new ProblemError('invalid-return-url', 'returnUrl must have the same origin as the calling page', {
      field: 'returnUrl',
    });
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') {
    throw new ProblemError('invalid-return-url', 'returnUrl must not carry credentials or a fragment', {
      field: 'returnUrl',
    });
  }
  return url.href;
}
