import { Hono } from 'hono';
import { healthAnswer, type CatalogAnswer } from '../../protocol/index.js';
import { answer } from '../http/answer.js';
import { catalogForApi } from '../../domain/catalog/index.js';
import type { RelayEnv } from '../http/env.js';
import type { RelayKeys } from '../keys.js';
import { HANDOFF_SCRIPT, HANDOFF_SCRIPT_PATH } from './handoff.js';

const CACHEABLE = 'public, max-age=300';

/** Read-only resources: health, catalog, the relay's public signing keys, the hand-off script. */
export function publicRoutes(keys: RelayKeys): Hono<RelayEnv> {
  const routes = new Hono<RelayEnv>();
  const jwks = JSON.stringify({ keys: keys.publicJwks });
  // Serialised once; typed as the protocol's answer so its shape cannot drift.
  const catalog = JSON.stringify(catalogForApi() satisfies CatalogAnswer);

  routes.get('/healthz', (c) => answer(c, healthAnswer, { status: 'ok' }));
  routes.get('/v1/catalog', (c) => {
    c.header('Cache-Control', CACHEABLE);
    c.header('Content-Type', 'application/json; charset=UTF-8');
    return c.body(catalog);
  });
  routes.get('/.well-known/jwks.json', (c) => {
    c.header('Cache-Control', CACHEABLE);
    c.header('Content-Type', 'application/json; charset=UTF-8');
    return c.body(jwks);
  });
  routes.get(HANDOFF_SCRIPT_PATH, (c) => {
    c.header('Cache-Control', CACHEABLE);
    c.header('Content-Type', 'text/javascript; charset=UTF-8');
    return c.body(HANDOFF_SCRIPT);
  });
  return routes;
}
