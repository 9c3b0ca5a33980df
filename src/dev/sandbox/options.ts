import type { JWK } from 'jose';

/** A relay (or test) client registered with the sandbox by configuration. */
export interface SandboxClient {
  clientId: string;
  jwks?: { keys: JWK[] };
  jwksUri?: string;
  redirectUris: string[];
}

export interface ServerAvailability {
  id: string;
  available: boolean;
  nextAvailableAt: string | null;
}

export interface Availability {
  available: boolean;
  nextAvailableAt: string | null;
  servers: ServerAvailability[];
}

/** Operating-hours hook: may the portal answer for these items at this moment? */
export type AvailabilityHook = (items: readonly string[], at: Date) => Availability;

export interface SandboxOptions {
  /** Origin the sandbox is reached at, e.g. http://localhost:8788 (no path). */
  issuer: string;
  clients: SandboxClient[];
  /** Where the sandbox's own signing key persists (generated on first run); default .dev/sandbox. */
  dataDir?: string;
  availability?: AvailabilityHook;
  /** How long the slow persona takes before its result is ready; default 25000. */
  slowDelayMs?: number;
  /** Clock for records, operating hours and result expiry (protocol checks use the real clock). */
  now?: () => Date;
  /** Lifetime of an authorization code in seconds; default TTL.authorizationCode (60). Tests shorten it. */
  authorizationCodeTtlSeconds?: number;
}

export const DEFAULT_DATA_DIR = '.dev/sandbox';
export const DEFAULT_SLOW_DELAY_MS = 25_000;

export const alwaysAvailable: AvailabilityHook = () => ({ available: true, nextAvailableAt: null, servers: [] });
