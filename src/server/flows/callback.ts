import type { FlowErrorCode, HandOffOutcome } from '../../protocol/index.js';
import * as oauth from 'oauth4webapi';
import { importDpopKeys, type DpopKeyJwks } from '../portal/dpop-keys.js';
import { PortalError } from '../portal/errors.js';
import { ProblemError } from '../problem.js';
import type { FlowOutcome, FlowRecord, FlowStatus } from '../store/types.js';
import type { FlowContext } from './context.js';
import { sealSecrets, unsealSecrets } from './secrets.js';
import { digestsEqual, sha256Base64url } from './tokens.js';

/**
 * Longest an exchange may take: token request and self-information request, each up to two
 * portal calls (DPoP nonce retry) of at most 10 s, plus discovery. A flow still `exchanging` after
 * that was left behind by a relay that died mid-exchange.
 */
export const EXCHANGE_LEASE_MS = 2 * 60_000;

export type { HandOffOutcome };

export interface HandOff {
  flowId: string;
  mode: FlowRecord['mode'];
  returnUrl: string;
  outcome: HandOffOutcome;
}

/**
 * The portal's redirect back: checks state (single use), the browser binding and `iss`, then
 * exchanges the code (private_key_jwt + DPoP + PKCE, ID token nonce) and starts the
 * self-information request. Refusals throw problems; every other ending is a hand-off.
 */
export async function completeCallback(
  context: FlowContext,
  parameters: URLSearchParams,
  bindingCookie: string | undefined,
): Promise<HandOff> {
  const { store, now } = context;
  const states = parameters.getAll('state');
  const state = states[0];
  if (states.length !== 1 || state === undefined || state.length === 0 || state.length > 512) {
    throw new ProblemError('invalid-callback', 'Exactly one state parameter is required', { field: 'state' });
  }
  await store.purgeExpired(now());
  const flow = await store.getByStateHash(sha256Base64url(state));
  if (flow === undefined) throw new ProblemError('unknown-state', 'No flow has this state', { field: 'state' });
  if (flow.status === 'expired') return handOff(flow);
  if (flow.status !== 'launched') throw stateUsed();

  if (bindingCookie === undefined || flow.bindingHash === null || !digestsEqual(sha256Base64url(bindingCookie), flow.bindingHash)) {
    await finish(context, flow.id, ['launched'], 'failed', { kind: 'failed', code: 'binding-mismatch', retryable: false });
    throw new ProblemError('binding-mismatch', 'This browser did not launch the flow');
  }
  // The exchange holds the flow until EXCHANGE_LEASE_MS from now; past that, a poll ends it (see redeem).
  if (!(await store.transition(flow.id, ['launched'], { status: 'exchanging', pollLockUntil: now() + EXCHANGE_LEASE_MS }))) throw stateUsed();
  try {
    return handOff(await exchange(context, flow, parameters, state));
  } catch (error) {
    // Whatever went wrong, the flow must not stay half-exchanged until its TTL.
    if (!(error instanceof ProblemError)) {
      await finish(context, flow.id, ['exchanging'], 'failed', { kind: 'failed', code: 'relay-error', retryable: true });
    }
    throw error;
  }
}

async function exchange(context: FlowContext, flow: FlowRecord, parameters: URLSearchParams, state: string): Promise<FlowRecord> {
  const { portal, sealer, store, now } = context;
  const fail = (code: FlowErrorCode, retryable: boolean) => finish(context, flow.id, ['exchanging'], 'failed', { kind: 'failed', code, retryable });
  const secrets = await unsealSecrets(sealer, flow, 'authorizing');
  const dpop = await importDpopKeys(secrets.dpop as DpopKeyJwks);

  let callback: URLSearchParams;
  try {
    callback = await portal.validateCallback(parameters, state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) return finishDeclined(context, flow.id, error);
    if (error instanceof PortalError) return fail(error.code, error.retryable);
    await fail('callback-invalid', false);
    throw new ProblemError('invalid-callback', 'The authorization response failed validation (issuer or parameters)');
  }

  let tokens: { accessToken: string; subject: string };
  try {
    tokens = await portal.exchangeCode({ callback, codeVerifier: secrets.codeVerifier, nonce: secrets.nonce, dpop });
  } catch (error) {
    if (!(error instanceof PortalError)) throw error;
    return fail(error.code === 'portal-unreachable' ? error.code : 'token-exchange-failed', false);
  }

  let started: Awaited<ReturnType<typeof portal.requestSelfInformation>>;
  try {
    started = await portal.requestSelfInformation(tokens.accessToken, dpop);
  } catch (error) {
    if (!(error instanceof PortalError)) throw error;
    return fail(error.code, error.retryable);
  }
  if (started.kind === 'unavailable') {
    const { nextAvailableAt, servers } = started;
    return finish(context, flow.id, ['exchanging'], 'unavailable', { kind: 'unavailable', nextAvailableAt, servers });
  }

  const sealed = await sealSecrets(sealer, flow.id, {
    phase: 'consented',
    accessToken: tokens.accessToken,
    subject: tokens.subject,
    processId: started.processId,
    dpop: secrets.dpop,
  });
  const consentedAt = now();
  await store.transition(flow.id, ['exchanging'], { status: 'pending', sealed, consentedAt, nextPollAt: consentedAt, pollLockUntil: null });
  return reload(context, flow.id);
}

/** access_denied is the user stopping at the portal; card_locked is its own outcome. */
function finishDeclined(context: FlowContext, flowId: string, error: oauth.AuthorizationResponseError): Promise<FlowRecord> {
  if (error.error === 'access_denied') {
    const step = error.error_description === 'card_locked' ? 'card_locked' : 'portal';
    return finish(context, flowId, ['exchanging'], 'cancelled', { kind: 'cancelled', step });
  }
  const retryable = error.error === 'temporarily_unavailable' || error.error === 'server_error';
  return finish(context, flowId, ['exchanging'], 'failed', { kind: 'failed', code: 'portal-error', retryable });
}

/** Ends the flow and drops its secrets; if a concurrent cancel won, its state stands. */
async function finish(
  context: FlowContext,
  flowId: string,
  from: readonly FlowStatus[],
  status: FlowStatus,
  outcome: FlowOutcome,
): Promise<FlowRecord> {
  await context.store.transition(flowId, from, { status, outcome, sealed: null });
  return reload(context, flowId);
}

async function reload(context: FlowContext, flowId: string): Promise<FlowRecord> {
  const flow = await context.store.get(flowId);
  if (flow === undefined) throw new Error(`Flow ${flowId} vanished`);
  return flow;
}

function stateUsed(): ProblemError {
  return new ProblemError('state-used', 'This state was already used, or its flow was never launched', { field: 'state' });
}

function handOff(flow: FlowRecord): HandOff {
  return { flowId: flow.id, mode: flow.mode, returnUrl: flow.returnUrl, outcome: outcomeOf(flow) };
}

function outcomeOf(flow: FlowRecord): HandOffOutcome {
  const outcome = flow.outcome;
  switch (flow.status) {
    case 'pending':
    case 'redeemed':
      return 'consented';
    case 'cancelled':
      return outcome?.kind === 'cancelled' && outcome.step === 'card_locked' ? 'card_locked' : 'cancelled';
    case 'unavailable':
      return 'unavailable';
    case 'expired':
      return 'expired';
    default:
      return outcome?.kind === 'failed' && outcome.code === 'portal-error' ? 'portal-error' : 'error';
  }
}
