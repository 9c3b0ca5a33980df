import { createHmac } from 'node:crypto';

/** OIDC pairwise subject: the same person looks different to clients on different hosts. */
export function pairwiseSubject(salt: string, sectorIdentifier: string, accountId: string): string {
  return createHmac('sha256', salt).update(`${sectorIdentifier}\n${accountId}`).digest('base64url');
}
