import { Hono } from 'hono';
import { answer } from '../http/answer.js';
import { disclosureAnswer, disclosureQuery } from '../../protocol/index.js';
import { catalogEntry } from '../../domain/catalog/index.js';
import type { RelayConfig } from '../config.js';
import type { RelayEnv } from '../http/env.js';
import { parseInput } from '../http/validate.js';
import { requireAllowedItems } from '../items.js';
import { addDays, japanDate } from '../../domain/japan-time.js';

/**
 * `GET /v1/disclosure?items=a,b`: what the widget shows before the user leaves the form — who
 * asks, why, how long the data is kept, and the requested items in plain words. The relay's
 * configuration decides service and purpose, not the page.
 */
export function disclosureRoutes(config: Pick<RelayConfig, 'allowedItems' | 'serviceName' | 'purpose' | 'retentionDays'>, now: () => number): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  routes.get('/', (c) => {
    const { items } = parseInput(disclosureQuery, { items: c.req.query('items') ?? '' });
    const keys = requireAllowedItems(items, config.allowedItems);
    return answer(c, disclosureAnswer, {
      service: config.serviceName,
      purpose: config.purpose,
      retentionDays: config.retentionDays,
      retainUntil: addDays(japanDate(now()), config.retentionDays),
      items: keys.map((key) => {
        const { labelJa, labelEn } = catalogEntry(key)!;
        return { key, labelJa, labelEn };
      }),
    });
  });
  return routes;
}
