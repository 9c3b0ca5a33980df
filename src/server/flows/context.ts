import type { RelayConfig } from '../config.js';
import type { RelayKeys } from '../keys.js';
import type { PortalClient } from '../portal/client.js';
import type { Sealer } from '../seal.js';
import type { FlowStore, SessionStore } from '../store/types.js';

/** The settings the consent flow reads. */
export const FLOW_SETTINGS = [
  'publicUrl',
  'allowedOrigins',
  'allowedItems',
  'serviceName',
  'purposes',
  'clients',
  'flowTtlSeconds',
  'resultTtlSeconds',
  'scheduleOverrides',
] as const satisfies readonly (keyof RelayConfig)[];
export type FlowSettings = Pick<RelayConfig, (typeof FLOW_SETTINGS)[number]>;

/** What the flow operations need; built once per relay. */
export interface FlowContext extends FlowSettings {
  store: FlowStore;
  /** Bound flows settle their provider session. */
  sessions: SessionStore;
  keys: Pick<RelayKeys, 'results' | 'subjectSecret'>;
  sealer: Sealer;
  portal: PortalClient;
  now: () => number;
}
