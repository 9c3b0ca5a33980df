import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Interaction, InteractionResults, Provider } from 'oidc-provider';
import { SELFINFO_DETAIL_TYPE, soleSelfinfoDetail, type SelfinfoDetail } from '../authorization-details.js';
import { BadRequest, readForm, redirect, sendScreen } from '../http.js';
import { PERSONAS, personaById } from '../personas.js';
import { INTERACTION_PATH, SELFINFO_SCOPE, selfinfoResource } from '../protocol.js';
import { cardPage, type CardError } from '../views/card-page.js';
import { consentPage } from '../views/consent-page.js';
import { failurePage } from '../views/failure-page.js';
import { MESSAGES, parseLang } from '../views/messages.js';
import type { CardLocks } from './card-locks.js';
import { ScreenStates, type ScreenState } from './screen-states.js';

export interface InteractionDeps {
  provider: Provider;
  issuer: string;
  cardLocks: CardLocks;
}

const ROUTE = new RegExp(`^${INTERACTION_PATH}/([A-Za-z0-9_-]+)(?:/(consent|card|cancel))?$`);
const PIN_FORMAT = /^[0-9]{4}$/;

/** One screen request, with everything the steps need. */
interface Step {
  req: IncomingMessage;
  res: ServerResponse;
  interaction: Interaction;
  detail: SelfinfoDetail;
  state: ScreenState;
  actionBase: string;
  /** Where the browser may be sent after a form post: ourselves and the client's callback. */
  formTargets: string[];
}

/** The consent and card screens (figures 2.3-3 … 2.3-5), driving oidc-provider's interaction. */
export function createInteractionHandler({ provider, issuer, cardLocks }: InteractionDeps) {
  const states = new ScreenStates();

  async function finish(step: Step, result: InteractionResults): Promise<void> {
    const returnTo = await provider.interactionResult(step.req, step.res, result, { mergeWithLastSubmission: false });
    states.forget(step.interaction.uid);
    redirect(step.res, returnTo);
  }

  function cancel(step: Step): Promise<void> {
    const screen = step.state.consented ? 'card' : 'consent';
    return finish(step, { error: 'access_denied', error_description: `cancelled_at_${screen}` });
  }

  async function consentGranted(step: Step, personaId: string): Promise<void> {
    const { params } = step.interaction;
    const grant = new provider.Grant({ accountId: personaId, clientId: params.client_id ?? '' });
    for (const scope of params.scope?.split(' ') ?? []) {
      if (scope === 'openid') grant.addOIDCScope(scope);
      if (scope === SELFINFO_SCOPE) grant.addResourceScope(selfinfoResource(issuer), scope);
    }
    grant.addRar({ ...step.detail });
    const grantId = await grant.save();
    await finish(step, { login: { accountId: personaId }, consent: { grantId } });
  }

  function showCard(step: Step, status: number, selectedPersonaId?: string, error?: CardError): void {
    const body = cardPage({
      lang: step.state.lang,
      actionBase: step.actionBase,
      personas: PERSONAS,
      isLocked: (id) => cardLocks.isLocked(id),
      selectedPersonaId,
      error,
    });
    sendScreen(step.res, status, body, step.formTargets);
  }

  function showConsent(step: Step, status: number, agreeMissing: boolean): void {
    const body = consentPage({ lang: step.state.lang, actionBase: step.actionBase, detail: step.detail, agreeMissing });
    sendScreen(step.res, status, body, step.formTargets);
  }

  async function submitCard(step: Step, form: URLSearchParams): Promise<void> {
    const persona = personaById(form.get('persona') ?? '');
    if (persona === undefined) return showCard(step, 400, undefined, { field: 'card', kind: 'required' });
    if (cardLocks.isLocked(persona.id)) return finish(step, { error: 'access_denied', error_description: 'card_locked' });
    const pin = form.get('pin') ?? '';
    if (!PIN_FORMAT.test(pin)) return showCard(step, 400, persona.id, { field: 'pin', kind: 'format' });
    if (pin !== persona.pin) {
      const remaining = cardLocks.recordWrongPin(persona.id);
      if (remaining === 0) return finish(step, { error: 'access_denied', error_description: 'card_locked' });
      return showCard(step, 400, persona.id, { field: 'pin', kind: 'wrong', remaining });
    }
    cardLocks.recordRightPin(persona.id);
    return consentGranted(step, persona.id);
  }

  async function handleStep(step: Step, action: string | undefined): Promise<void> {
    const { req, res, state } = step;
    if (action === undefined) {
      if (req.method !== 'GET') return void res.writeHead(405, { Allow: 'GET' }).end();
      const lang = parseLang(new URL(req.url ?? '', issuer).searchParams.get('lang'));
      if (lang !== undefined) state.lang = lang;
      return state.consented ? showCard(step, 200) : showConsent(step, 200, false);
    }
    if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST' }).end();
    const form = await readForm(req);
    if (action === 'cancel') return cancel(step);
    if (action === 'consent') {
      if (form.get('agree') !== 'yes') return showConsent(step, 400, true);
      state.consented = true;
      return redirect(res, step.actionBase);
    }
    if (!state.consented) return redirect(res, step.actionBase);
    return submitCard(step, form);
  }

  return async function handleInteraction(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const match = ROUTE.exec(path);
    const uid = match?.[1];
    const failureLang = parseLang(new URL(req.url ?? '', issuer).searchParams.get('lang')) ?? 'ja';
    if (uid === undefined) return sendScreen(res, 404, failurePage(failureLang, 'Not found'));
    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(req, res);
    } catch {
      return sendScreen(res, 400, failurePage(failureLang, MESSAGES[failureLang].sessionExpired));
    }
    // The cookie names the interaction; the URL must agree, or a stale tab would act on another one.
    if (interaction.uid !== uid) return sendScreen(res, 400, failurePage(failureLang, MESSAGES[failureLang].sessionExpired));
    const details: unknown = JSON.parse(interaction.params.authorization_details ?? '[]');
    const detail = soleSelfinfoDetail(Array.isArray(details) ? details : undefined);
    if (detail === undefined) return sendScreen(res, 400, failurePage(failureLang, `no valid ${SELFINFO_DETAIL_TYPE} authorization detail`));
    const state = states.get(uid);
    const redirectUri = interaction.params.redirect_uri;
    const step: Step = {
      req,
      res,
      interaction,
      detail,
      state,
      actionBase: `${INTERACTION_PATH}/${uid}`,
      formTargets: redirectUri === undefined ? [] : [new URL(redirectUri).origin],
    };
    try {
      await handleStep(step, match?.[2]);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      sendScreen(res, 400, failurePage(state.lang, error.message));
    }
  };
}
