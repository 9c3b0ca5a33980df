import { z } from 'zod';
import type { Sealer } from '../seal.js';
import type { FlowRecord } from '../store/types.js';

const jwkSchema = z.record(z.string(), z.unknown());

/**
 * A flow's secrets, sealed together in the row. Before consent they are what the authorization
 * request needs; after it, only what polling needs (verifier and nonce are dropped).
 */
const flowSecretsSchema = z.discriminatedUnion('phase', [
  z.object({
    phase: z.literal('authorizing'),
    codeVerifier: z.string(),
    nonce: z.string(),
    authorizationUrl: z.string(),
    dpop: z.object({ publicJwk: jwkSchema, privateJwk: jwkSchema }),
  }),
  z.object({
    phase: z.literal('consented'),
    accessToken: z.string(),
    subject: z.string(),
    processId: z.string(),
    dpop: z.object({ publicJwk: jwkSchema, privateJwk: jwkSchema }),
  }),
]);

export type FlowSecrets = z.infer<typeof flowSecretsSchema>;

const PURPOSE = 'flow-secrets';

export function sealSecrets(sealer: Sealer, flowId: string, secrets: FlowSecrets): Promise<string> {
  return sealer.seal(secrets, { rowId: flowId, purpose: PURPOSE });
}

/** The flow's secrets in the expected phase; throws when they are gone or of another phase. */
export async function unsealSecrets<P extends FlowSecrets['phase']>(
  sealer: Sealer,
  flow: FlowRecord,
  phase: P,
): Promise<Extract<FlowSecrets, { phase: P }>> {
  if (flow.sealed === null) throw new Error(`Flow ${flow.id} has no secrets`);
  const secrets = flowSecretsSchema.parse(await sealer.unseal(flow.sealed, { rowId: flow.id, purpose: PURPOSE }));
  if (secrets.phase !== phase) throw new Error(`Flow ${flow.id} secrets are in phase ${secrets.phase}`);
  return secrets as Extract<FlowSecrets, { phase: P }>;
}
