import { Hono } from 'hono';
import { z } from 'zod';
import { availabilityFor, requireKnownItems } from '../availability.js';
import type { RelayConfig } from '../config.js';
import type { RelayEnv } from '../http/env.js';
import { parseInput } from '../http/validate.js';

/** Instants the schedule answers for: beyond these the calendar data means nothing. */
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const LATEST = Date.parse('2100-01-01T00:00:00Z');

const availabilityQuerySchema = z.object({
  items: z
    .string()
    .max(2000)
    .transform((value) => value.split(',').map((item) => item.trim()).filter((item) => item !== ''))
    .pipe(z.array(z.string().max(100)).min(1, 'at least one catalog key is required').max(50)),
  at: z
    .iso.datetime({ offset: true, message: 'expected an ISO 8601 instant with an offset or Z' })
    .refine((value) => {
      const instant = Date.parse(value);
      return instant >= EARLIEST && instant < LATEST;
    }, 'expected an instant in 2000 … 2099')
    .optional(),
});

/**
 * `GET /v1/availability?items=a,b&at=ISO`: whether every server the items need is up at `at`
 * (default: the relay's now), and if not, from when — the schedule engine's answer, which the
 * relay also enforces when a flow starts. Any catalog key or info number may be asked about.
 */
export function availabilityRoutes(config: RelayConfig, now: () => number): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  routes.get('/', (c) => {
    const at = c.req.query('at');
    const query = parseInput(availabilityQuerySchema, { items: c.req.query('items') ?? '', ...(at === undefined ? {} : { at }) });
    const items = requireKnownItems(query.items);
    return c.json(availabilityFor(config, items, query.at === undefined ? now() : Date.parse(query.at)));
  });
  return routes;
}
