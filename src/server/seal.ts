import { CompactEncrypt, compactDecrypt } from 'jose';
import type { RelayKeys } from './keys.js';

/** What a sealed value is for; bound into the JWE protected header with the row id. */
export interface SealContext {
  rowId: string;
  purpose: string;
}

export interface Sealer {
  seal(value: unknown, context: SealContext): Promise<string>;
  unseal(jwe: string, context: SealContext): Promise<unknown>;
}

/**
 * JWE `A256KW` + `A256GCM` with `kid` for rotation. The row id and purpose sit in the
 * (authenticated) protected header, so a sealed value copied into another row does not open.
 */
export function createSealer(keys: RelayKeys['encryption']): Sealer {
  const current = keys[0];
  if (current === undefined) throw new Error('At least one encryption key is required');
  const byKid = new Map(keys.map((entry) => [entry.kid, entry.key]));
  const encoder = new TextEncoder();

  return {
    async seal(value, { rowId, purpose }) {
      return new CompactEncrypt(encoder.encode(JSON.stringify(value)))
        .setProtectedHeader({ alg: 'A256KW', enc: 'A256GCM', kid: current.kid, row: rowId, purpose })
        .encrypt(current.key);
    },
    async unseal(jwe, { rowId, purpose }) {
      const { plaintext, protectedHeader } = await compactDecrypt(
        jwe,
        (header) => {
          const key = header.kid === undefined ? undefined : byKid.get(header.kid);
          if (key === undefined) throw new Error('Sealed with an unknown key');
          return key;
        },
        { keyManagementAlgorithms: ['A256KW'], contentEncryptionAlgorithms: ['A256GCM'] },
      );
      if (protectedHeader['row'] !== rowId || protectedHeader['purpose'] !== purpose) {
        throw new Error('Sealed value belongs to another row or purpose');
      }
      return JSON.parse(new TextDecoder().decode(plaintext)) as unknown;
    },
  };
}
