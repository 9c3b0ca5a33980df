import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessToken, Provider } from 'oidc-provider';
import { soleSelfinfoDetail, type SelfinfoDetail } from '../authorization-details.js';
import { discardBody, sendJson } from '../http.js';
import type { SandboxKeys } from '../keys.js';
import type { AvailabilityHook } from '../options.js';
import { personaById } from '../personas.js';
import { SELFINFO_PATH, SELFINFO_SCOPE, SIGNING_ALGORITHMS } from '../protocol.js';
import { pairwiseSubject } from '../subject.js';
import { DpopProofVerifier } from './dpop.js';
import { ProcessStore } from './processes.js';
import { signResult } from './result.js';

export interface SelfinfoDeps {
  provider: Provider;
  issuer: string;
  keys: SandboxKeys;
  availability: AvailabilityHook;
  slowDelayMs: number;
  now: () => Date;
}

const REQUESTS_PATH = `${SELFINFO_PATH}/requests`;
const PROCESS_ROUTE = new RegExp(`^${REQUESTS_PATH}/([0-9a-f-]{36})$`);
/** Longest a client is told to wait before asking again (seconds). */
const MAX_RETRY_AFTER = 5;

interface Caller {
  token: AccessToken;
  detail: SelfinfoDetail;
}

type Authentication = { ok: true; caller: Caller } | { ok: false; status: number; error: string; description: string };

/** RFC 6750 / RFC 9449 challenge, so clients can tell a bad token from a bad proof. */
function challenge(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description }, {
    'WWW-Authenticate': `DPoP error="${error}", error_description="${description.replace(/[^\x20-\x7e]|["\\]/g, '')}", algs="${SIGNING_ALGORITHMS.join(' ')}"`,
  });
}

/** The self-information API: request → process id → result (asynchronous, like the real portal). */
export function createSelfinfoHandler({ provider, issuer, keys, availability, slowDelayMs, now }: SelfinfoDeps) {
  const proofs = new DpopProofVerifier();
  const processes = new ProcessStore();

  async function authenticate(req: IncomingMessage, path: string): Promise<Authentication> {
    const [scheme, value, ...rest] = (req.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'dpop' || value === undefined || value === '' || rest.length > 0) {
      return { ok: false, status: 401, error: 'invalid_token', description: 'a DPoP-bound access token is required (Authorization: DPoP <token>)' };
    }
    const token = await provider.AccessToken.find(value);
    if (token === undefined || token.isExpired || (await provider.Grant.find(token.grantId)) === undefined) {
      return { ok: false, status: 401, error: 'invalid_token', description: 'the access token is invalid or expired' };
    }
    if (token.jkt === undefined) return { ok: false, status: 401, error: 'invalid_token', description: 'the access token is not DPoP-bound' };
    const proof = await proofs.verify({
      proof: req.headers.dpop as string | undefined,
      method: req.method ?? '',
      url: `${issuer}${path}`,
      accessToken: value,
      boundThumbprint: token.jkt,
    });
    if (!proof.ok) return { ok: false, status: 401, error: 'invalid_dpop_proof', description: proof.reason };
    const detail = soleSelfinfoDetail(token.rar);
    if (detail === undefined || !(token.scope?.split(' ') ?? []).includes(SELFINFO_SCOPE)) {
      return { ok: false, status: 403, error: 'insufficient_scope', description: `the token carries no ${SELFINFO_SCOPE} authorization` };
    }
    return { ok: true, caller: { token, detail } };
  }

  async function startRequest(res: ServerResponse, { token, detail }: Caller): Promise<void> {
    const at = now();
    const answer = availability(detail.items, at);
    if (!answer.available) {
      return sendJson(res, 503, { error: 'not_available_now', nextAvailableAt: answer.nextAvailableAt, servers: answer.servers });
    }
    const client = await provider.Client.find(token.clientId);
    const process = processes.create({
      accessTokenId: token.jti,
      clientId: token.clientId,
      personaId: token.accountId,
      subject: pairwiseSubject(keys.pairwiseSalt, client?.sectorIdentifier ?? token.clientId, token.accountId),
      detail,
      createdAt: at,
    });
    sendJson(res, 202, { processId: process.processId, status: 'PENDING' }, { Location: `${REQUESTS_PATH}/${process.processId}` });
  }

  async function reportProcess(res: ServerResponse, processId: string, { token }: Caller): Promise<void> {
    const at = now();
    const process = processes.find(processId, token.jti, at);
    const persona = process === undefined ? undefined : personaById(process.personaId);
    if (process === undefined || persona === undefined) return sendJson(res, 404, { error: 'not_found' });
    if (processes.expireIfDue(process, at)) return sendJson(res, 200, { processId, status: 'EXPIRED' });
    const { outcome } = persona;
    if (outcome.status === 'ERROR') {
      return sendJson(res, 200, { processId, status: 'ERROR', error: { code: outcome.code, message: outcome.message } });
    }
    const waitMs = outcome.timing === 'slow' ? process.createdAt.getTime() + slowDelayMs - at.getTime() : 0;
    if (waitMs > 0) {
      const retryAfter = Math.min(Math.max(Math.ceil(waitMs / 1000), 1), MAX_RETRY_AFTER);
      return sendJson(res, 200, { processId, status: 'PENDING' }, { 'Retry-After': String(retryAfter) });
    }
    process.resultJws ??= await signResult(process, persona, issuer, keys, at);
    sendJson(res, 200, { processId, status: 'SUCCESS', result: process.resultJws });
  }

  return async function handleSelfinfo(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const processId = PROCESS_ROUTE.exec(path)?.[1];
    const route = path === REQUESTS_PATH ? 'start' : processId !== undefined ? 'report' : undefined;
    if (route === undefined) return sendJson(res, 404, { error: 'not_found' });
    const allowed = route === 'start' ? 'POST' : 'GET';
    if (req.method !== allowed) return sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: allowed });
    await discardBody(req);
    const authentication = await authenticate(req, path);
    if (!authentication.ok) return challenge(res, authentication.status, authentication.error, authentication.description);
    if (route === 'start') return startRequest(res, authentication.caller);
    return reportProcess(res, processId ?? '', authentication.caller);
  };
}
