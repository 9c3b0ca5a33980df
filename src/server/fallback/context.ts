import type { RelayConfig } from '../config.js';
import type { RelayKeys } from '../keys.js';
import type { Sealer } from '../seal.js';
import type { FlowStore, RegistrationStore } from '../store/types.js';

/** The settings the email fallback reads. */
export const FALLBACK_SETTINGS = [
  'publicUrl',
  'allowedOrigins',
  'allowedItems',
  'serviceName',
  'retentionDays',
  'resumeTtlDays',
  'scheduleOverrides',
  'fallbackRateLimit',
  'trustProxyHops',
] as const satisfies readonly (keyof RelayConfig)[];
export type FallbackSettings = Pick<RelayConfig, (typeof FALLBACK_SETTINGS)[number]>;

/** What the email fallback (registration, mail worker, resume link) runs on. */
export interface FallbackContext extends FallbackSettings {
  flows: FlowStore;
  registrations: RegistrationStore;
  sealer: Sealer;
  signing: RelayKeys['signing'];
  /** The relay's clock (schedule, retention, link expiry). */
  now: () => number;
  /** Real time, for leases. */
  realNow: () => number;
}

export const CONTACT_PURPOSE = 'fallback-contact';
export const RETURN_PURPOSE = 'fallback-return';

