import type { Query } from '../protocol/index.js';

/** The query methods of guideline 2.6: 最新情報指定, 時点指定, 範囲指定 (src/protocol/common.ts). */
export type FlowQuery = Query;

/** Key order as the contract writes it, so two equal queries serialise equally. */
export function normaliseQuery(query: FlowQuery): FlowQuery {
  switch (query.method) {
    case 'latest':
      return { method: 'latest' };
    case 'at':
      return { method: 'at', at: query.at };
    case 'range':
      return { method: 'range', from: query.from, to: query.to };
  }
}
