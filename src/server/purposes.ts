import type { PurposeConfig } from './config.js';
import { ProblemError } from './problem.js';

/** The purpose `id` names in the table, or the table's first when none is named; 400 `unknown-purpose` otherwise. */
export function resolvePurpose(purposes: readonly PurposeConfig[], id: string | undefined): PurposeConfig {
  const purpose = id === undefined ? purposes[0] : purposes.find((candidate) => candidate.id === id);
  if (purpose === undefined) {
    throw new ProblemError('unknown-purpose', `Unknown purpose "${id}"; this relay's purposes are: ${purposes.map((entry) => entry.id).join(', ')}`, {
      field: 'purpose',
    });
  }
  return purpose;
}
