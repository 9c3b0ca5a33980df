import type { RelayConfig } from '../config.js';
import type { PortalClient } from '../portal/client.js';
import type { Sealer } from '../seal.js';
import type { FlowStore } from '../store/types.js';

/** What the flow operations need; built once per app. */
export interface FlowContext {
  config: RelayConfig;
  store: FlowStore;
  sealer: Sealer;
  portal: PortalClient;
  now: () => number;
}
