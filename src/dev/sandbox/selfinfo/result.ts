import { SignJWT } from 'jose';
import { japanDate } from '../../../domain/japan-time.js';
import type { SandboxKeys } from '../keys.js';
import type { Persona } from '../personas.js';
import { TTL } from '../protocol.js';
import { answerRecords, selectRecords, valueKeysFor } from '../records.js';
import type { SelfinfoProcess } from './processes.js';

const RESULT_TYPE = 'myna-selfinfo+jwt';


/** The contract's signed result: the records the query selects, holding exactly the requested fields. */
export function signResult(process: SelfinfoProcess, persona: Persona, issuer: string, keys: SandboxKeys, now: Date): Promise<string> {
  // Records change on Japanese calendar days.
  const today = japanDate(now.getTime());
  const records = answerRecords(selectRecords(persona.records, process.detail.query, today), valueKeysFor(process.detail.items));
  const issuedAt = Math.floor(Date.now() / 1000);
  const { name, nameKana, birthDate, address } = persona.holder;
  return new SignJWT({ processId: process.processId, query: process.detail.query, records, holder: { name, nameKana, birthDate, address } })
    .setProtectedHeader({ alg: 'ES256', kid: keys.signingJwk.kid, typ: RESULT_TYPE })
    .setIssuer(issuer)
    .setAudience(process.clientId)
    .setSubject(process.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + TTL.result)
    .sign(keys.signingKey);
}
