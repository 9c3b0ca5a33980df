import { Hono } from 'hono';
import { answer } from '../http/answer.js';
import { disclosureAnswer, disclosureQuery, sessionDisclosureRequest, type DisclosureAnswer } from '../../protocol/index.js';
import { catalogEntry } from '../../domain/catalog/index.js';
import type { PurposeConfig } from '../config.js';
import type { FlowContext } from '../flows/context.js';
import type { RelayEnv } from '../http/env.js';
import { mutationGuard } from '../http/mutation-guard.js';
import { limitBody, parseInput, readJsonBody } from '../http/validate.js';
import { requireAllowedItems } from '../items.js';
import { resolvePurpose } from '../purposes.js';
import { sessionForPage } from '../sessions/bound.js';
import { addDays, japanDate } from '../../domain/japan-time.js';

/**
 * What the widget shows before the user leaves the form — who asks, why, how long the data is
 * kept, and the requested items in plain words. The relay's purpose table decides the purpose
 * text, not the page: `GET /v1/disclosure?items=a,b&purpose=<id>` for an unbound button, `POST`
 * with the client token for a button bound to a provider session (the session decides the rest).
 */
export function disclosureRoutes(context: FlowContext): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  const describe = (items: readonly string[], purpose: PurposeConfig, retainUntil: string): DisclosureAnswer => ({
    service: context.serviceName,
    purpose: purpose.ja,
    purposeEn: purpose.en,
    retentionDays: purpose.retentionDays,
    retainUntil,
    items: items.map((key) => {
      const { labelJa, labelEn } = catalogEntry(key)!;
      return { key, labelJa, labelEn };
    }),
  });

  routes.get('/', (c) => {
    const { items, purpose: purposeId } = parseInput(disclosureQuery, { items: c.req.query('items') ?? '', purpose: c.req.query('purpose') });
    const purpose = resolvePurpose(context.purposes, purposeId);
    const keys = requireAllowedItems(items, context.allowedItems);
    return answer(c, disclosureAnswer, describe(keys, purpose, addDays(japanDate(context.now()), purpose.retentionDays)));
  });

  routes.post('/', mutationGuard(context.allowedOrigins), limitBody(), async (c) => {
    const { session: clientToken } = parseInput(sessionDisclosureRequest, await readJsonBody(c));
    const { session } = await sessionForPage(context, clientToken, c.req.header('Origin') ?? '');
    return answer(c, disclosureAnswer, { ...describe(session.items, session.purpose, session.retainUntil), sessionId: session.id, query: session.query });
  });
  return routes;
}
