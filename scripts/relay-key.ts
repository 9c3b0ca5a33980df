/**
 * `npm run relay:key [test|live]`: a new provider API key and the hash entry for its client's
 * `keyHashes` in RELAY_CLIENTS. The key goes to the provider's backend secret store; the relay
 * keeps only the hash. Also a webhook signing secret, which both sides keep.
 */
import { randomBytes } from 'node:crypto';
import { generateApiKey } from '../src/server/sessions/api-keys.js';

const environment = process.argv[2] ?? 'test';
if (environment !== 'test' && environment !== 'live') {
  console.error(`usage: npm run relay:key [test|live]   (got "${environment}")`);
  process.exit(1);
}
const { key, hash } = generateApiKey(environment);
console.log(`API key (give it to the provider's backend only; it is not shown again):\n  ${key}\n\nFor RELAY_CLIENTS, in the client's "keyHashes":\n  "${hash}"\n\nA webhook signing secret, if the client has a webhookUrl (its "webhookSecrets", and the provider's verifyWebhook):\n  whsec_${randomBytes(32).toString('base64url')}`);
