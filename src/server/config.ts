import { z } from 'zod';
import { parseScheduleOverridesJson, type ScheduleOverrides } from '../domain/schedule/index.js';
import { canonicalItemKey } from './items.js';

/** Everything the relay reads from its environment, validated once at start-up. */
export interface RelayConfig {
  port: number;
  /** Origin (and optional path) the browser uses to reach the relay, without a trailing slash. */
  publicUrl: string;
  allowedOrigins: readonly string[];
  serviceName: string;
  purpose: string;
  allowedItems: readonly string[];
  retentionDays: number;
  dataDir: string;
  /** RELAY_DATABASE_URL: the Postgres store shared by several instances; null: SQLite in `dataDir`. */
  databaseUrl: string | null;
  portalIssuer: string;
  portalClientId: string;
  /** Private JWK (ES256, PS256 or EdDSA) for private_key_jwt; null: generated dev key. */
  signingKey: PrivateJwk | null;
  /** oct JWKs for A256KW, the first one seals; null: generated dev key. */
  encryptionKeys: readonly OctJwk[] | null;
  flowTtlSeconds: number;
  /** RELAY_SCHEDULE_OVERRIDES: operating hours and maintenance windows on top of the guideline's. */
  scheduleOverrides: ScheduleOverrides | undefined;
  /** RELAY_CLOCK: epoch ms the relay's clock starts at (then runs forward); null: real time. */
  clockStart: number | null;
  /** RELAY_DEV_ROUTES=1: `POST /v1/dev/clock` (development only, loopback public URL required). */
  devRoutes: boolean;
  /** How long a resume link in a fallback mail stays valid. */
  resumeTtlDays: number;
  /** Token bucket per client (Origin + IP) for `POST /v1/fallback`: `burst` requests, refilled over `perSeconds`. */
  fallbackRateLimit: { burst: number; perSeconds: number };
  /** Proxy hops in front of the relay whose X-Forwarded-For entries are trusted (0: use the socket address). */
  trustProxyHops: number;
  smtp: SmtpConfig;
  /** Variables left on development defaults, for the start-up log. */
  developmentDefaults: readonly string[];
}

export interface SmtpConfig {
  host: string;
  port: number;
  /** Implicit TLS (port 465 style); otherwise STARTTLS when `requireTls` or when the server offers it. */
  secure: boolean;
  requireTls: boolean;
  auth: { user: string; pass: string } | null;
  from: { name: string; address: string };
}

export type PrivateJwk = z.infer<typeof privateJwkSchema>;
export type OctJwk = z.infer<typeof octJwkSchema>;

export const SIGNING_ALGORITHMS = ['ES256', 'PS256', 'EdDSA'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, detail: string) {
    super(`Invalid ${variable}: ${detail}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

const kid = z.string().min(1).max(200);

const privateJwkSchema = z.looseObject({
  kty: z.enum(['EC', 'RSA', 'OKP']),
  kid,
  alg: z.enum(SIGNING_ALGORITHMS),
  d: z.string().min(1),
});

const octJwkSchema = z.looseObject({
  kty: z.literal('oct'),
  kid,
  k: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'k must be 32 bytes, base64url'),
});

const octJwkListSchema = z
  .union([z.array(octJwkSchema), z.object({ keys: z.array(octJwkSchema) }).transform((set) => set.keys)])
  .pipe(z.array(octJwkSchema).min(1))
  .refine((keys) => new Set(keys.map((key) => key.kid)).size === keys.length, 'kid values must be unique');

const DEFAULT_PORT = 8787;
const DEFAULT_DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];
const DEFAULT_PURPOSE = '住宅ローンの事前審査（デモ）';

/** Reads and validates the relay's settings; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): RelayConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const developmentDefaults: string[] = [];
  const orDefault = <T>(name: string, parse: (raw: string) => T, fallback: T): T => {
    const raw = read(name);
    if (raw === undefined) {
      developmentDefaults.push(name);
      return fallback;
    }
    return parse(raw);
  };

  const port = orDefault('PORT', (raw) => parseInteger('PORT', raw, 0, 65535), DEFAULT_PORT);
  const publicUrl = orDefault('RELAY_PUBLIC_URL', (raw) => parseBaseUrl('RELAY_PUBLIC_URL', raw), `http://localhost:${port}`);
  const ownOrigin = new URL(publicUrl).origin;
  const allowedOrigins = orDefault('RELAY_ALLOWED_ORIGINS', (raw) => parseOrigins('RELAY_ALLOWED_ORIGINS', raw), [
    ...DEFAULT_DEV_ORIGINS,
    ownOrigin,
  ]);
  const serviceName = orDefault('RELAY_SERVICE_NAME', (raw) => parseLabel('RELAY_SERVICE_NAME', raw, 100), '〇〇銀行（デモ）');
  const purpose = orDefault('RELAY_PURPOSE', (raw) => parseLabel('RELAY_PURPOSE', raw, 200), DEFAULT_PURPOSE);
  const allowedItems = orDefault('RELAY_ALLOWED_ITEMS', (raw) => parseItems('RELAY_ALLOWED_ITEMS', raw), ['household', 'localTax']);
  const retentionDays = orDefault('RELAY_RETENTION_DAYS', (raw) => parseInteger('RELAY_RETENTION_DAYS', raw, 1, 3650), 30);
  const dataDir = orDefault('RELAY_DATA_DIR', (raw) => raw, '.dev/relay');
  const portalIssuer = orDefault('PORTAL_ISSUER', (raw) => parseBaseUrl('PORTAL_ISSUER', raw), 'http://localhost:8788');
  const portalClientId = orDefault('PORTAL_CLIENT_ID', (raw) => parseLabel('PORTAL_CLIENT_ID', raw, 200), 'myna-relay-dev');
  const signingKey = orDefault('RELAY_SIGNING_KEY', (raw) => parseJson('RELAY_SIGNING_KEY', raw, privateJwkSchema), null);
  const encryptionKeys = orDefault('RELAY_ENCRYPTION_KEYS', (raw) => parseJson('RELAY_ENCRYPTION_KEYS', raw, octJwkListSchema), null);
  const flowTtlSeconds = orDefault('RELAY_FLOW_TTL_SECONDS', (raw) => parseInteger('RELAY_FLOW_TTL_SECONDS', raw, 60, 3600), 600);

  // Settings whose default is the production behaviour: not development defaults.
  const optional = <T>(name: string, parse: (raw: string) => T, fallback: T): T => {
    const raw = read(name);
    return raw === undefined ? fallback : parse(raw);
  };
  const scheduleOverrides = optional('RELAY_SCHEDULE_OVERRIDES', (raw) => parseOverrides('RELAY_SCHEDULE_OVERRIDES', raw), undefined);
  const clockStart = optional('RELAY_CLOCK', (raw) => parseInstant('RELAY_CLOCK', raw), null);
  const devRoutes = optional('RELAY_DEV_ROUTES', (raw) => parseFlag('RELAY_DEV_ROUTES', raw), false);
  if (devRoutes && !isLoopbackUrl(new URL(publicUrl))) {
    throw new ConfigError('RELAY_DEV_ROUTES', 'development routes are refused unless RELAY_PUBLIC_URL is on localhost');
  }
  const resumeTtlDays = optional('RELAY_RESUME_TTL_DAYS', (raw) => parseInteger('RELAY_RESUME_TTL_DAYS', raw, 1, 30), 7);
  const fallbackRateLimit = optional('RELAY_FALLBACK_RATE_LIMIT', (raw) => parseRate('RELAY_FALLBACK_RATE_LIMIT', raw), {
    burst: 5,
    perSeconds: 600,
  });
  const databaseUrl = optional('RELAY_DATABASE_URL', (raw) => parseDatabaseUrl('RELAY_DATABASE_URL', raw), null);
  const trustProxyHops = optional('RELAY_TRUST_PROXY', (raw) => parseInteger('RELAY_TRUST_PROXY', raw, 0, 10), 0);
  const smtp = loadSmtpConfig(read, orDefault, optional, serviceName, publicUrl);

  return {
    port,
    publicUrl,
    allowedOrigins,
    serviceName,
    purpose,
    allowedItems,
    retentionDays,
    dataDir,
    databaseUrl,
    portalIssuer,
    portalClientId,
    signingKey,
    encryptionKeys,
    flowTtlSeconds,
    scheduleOverrides,
    clockStart,
    devRoutes,
    resumeTtlDays,
    fallbackRateLimit,
    trustProxyHops,
    smtp,
    developmentDefaults,
  };
}

type Reader = (name: string) => string | undefined;
type WithDefault = <T>(name: string, parse: (raw: string) => T, fallback: T) => T;

/** SMTP_*: without SMTP_HOST the relay mails the local catcher (src/dev/mail-catcher) on 127.0.0.1:2525. */
function loadSmtpConfig(read: Reader, orDefault: WithDefault, optional: WithDefault, serviceName: string, publicUrl: string): SmtpConfig {
  const host = orDefault('SMTP_HOST', (raw) => parseHost('SMTP_HOST', raw), '127.0.0.1');
  const secure = optional('SMTP_SECURE', (raw) => parseFlag('SMTP_SECURE', raw), false);
  const isDevCatcher = read('SMTP_HOST') === undefined;
  const port = optional('SMTP_PORT', (raw) => parseInteger('SMTP_PORT', raw, 1, 65535), isDevCatcher ? 2525 : secure ? 465 : 587);
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  const requireTls = optional('SMTP_REQUIRE_TLS', (raw) => parseFlag('SMTP_REQUIRE_TLS', raw), !secure && !loopback);
  const user = read('SMTP_USER');
  const pass = read('SMTP_PASS');
  if ((user === undefined) !== (pass === undefined)) {
    throw new ConfigError(user === undefined ? 'SMTP_USER' : 'SMTP_PASS', 'SMTP_USER and SMTP_PASS are set together or not at all');
  }
  const defaultFrom = { name: serviceName, address: `no-reply@${new URL(publicUrl).hostname.replace(/^\[|\]$/g, '')}` };
  const from = optional('SMTP_FROM', (raw) => parseMailbox('SMTP_FROM', raw), defaultFrom);
  return { host, port, secure, requireTls, auth: user === undefined || pass === undefined ? null : { user, pass }, from };
}

function parseFlag(name: string, raw: string): boolean {
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new ConfigError(name, `expected 1 or 0, got "${raw}"`);
}

/** An instant with an offset or Z, e.g. 2026-11-21T10:00:00+09:00. */
function parseInstant(name: string, raw: string): number {
  if (!z.iso.datetime({ offset: true }).safeParse(raw).success) {
    throw new ConfigError(name, `expected an ISO 8601 instant with an offset, e.g. 2026-11-21T10:00:00+09:00, got "${raw}"`);
  }
  return Date.parse(raw);
}

function parseOverrides(name: string, raw: string): ScheduleOverrides {
  try {
    return parseScheduleOverridesJson(raw);
  } catch (error) {
    throw new ConfigError(name, (error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
}

/** `<burst>/<seconds>`: e.g. 5/600 lets a client register 5 times at once, then once every 120 s. */
function parseRate(name: string, raw: string): { burst: number; perSeconds: number } {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(raw);
  const burst = Number(match?.[1]);
  const perSeconds = Number(match?.[2]);
  if (match === null || burst < 1 || perSeconds < 1) throw new ConfigError(name, `expected <count>/<seconds> such as 5/600, got "${raw}"`);
  return { burst, perSeconds };
}

function parseHost(name: string, raw: string): string {
  if (!/^[A-Za-z0-9.-]{1,253}$/.test(raw) && !/^[0-9a-fA-F:]{2,39}$/.test(raw)) throw new ConfigError(name, `not a host name: "${raw}"`);
  return raw;
}

/** `address` or `Name <address>`; no line breaks (header injection). */
function parseMailbox(name: string, raw: string): { name: string; address: string } {
  const match = /^(?:(.*?)\s*<([^<>\s]+)>|([^<>\s]+))$/.exec(raw);
  const address = match?.[2] ?? match?.[3];
  const display = (match?.[1] ?? '').replace(/^"(.*)"$/, '$1');
  if (match === null || address === undefined || !/^[^@\s]{1,64}@[A-Za-z0-9.-]{1,253}$/.test(address) || /[\r\n]/.test(raw)) {
    throw new ConfigError(name, `expected "address" or "Name <address>", got "${raw}"`);
  }
  return { name: display, address };
}

function parseInteger(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `expected ${min}..${max}, got ${value}`);
  return value;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** An absolute URL without query or fragment; plain http only on loopback (development). */
function parseBaseUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `not an absolute URL: "${raw}"`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url))) {
    throw new ConfigError(name, 'must use https (plain http is accepted only for localhost)');
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError(name, 'must not carry credentials, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * `postgres://` or `postgresql://` with a host and a database. The message never repeats the
 * value: it usually carries the database password.
 */
function parseDatabaseUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'not a URL; expected postgresql://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(name, `expected a postgres:// or postgresql:// URL, got a ${url.protocol}// one`);
  }
  if ((url.hostname === '' && !url.searchParams.has('host')) || url.pathname.replace(/^\//, '') === '') {
    throw new ConfigError(name, 'must name the host and the database: postgresql://user:password@host:5432/database');
  }
  return raw;
}

/** A database URL without its credentials, for logs. */
export function redactDatabaseUrl(raw: string): string {
  const url = new URL(raw);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function parseOrigins(name: string, raw: string): string[] {
  const origins = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (origins.length === 0) throw new ConfigError(name, 'expected at least one origin');
  for (const origin of origins) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError(name, `not an origin: "${origin}"`);
    }
    if (parsed.origin !== origin) throw new ConfigError(name, `not an exact origin (scheme://host[:port]): "${origin}"`);
  }
  return origins;
}

/** Shown on the portal's consent screen, which takes at most `max` characters. */
function parseLabel(name: string, raw: string, max: number): string {
  if (raw.length > max) throw new ConfigError(name, `longer than ${max} characters`);
  return raw;
}

function parseItems(name: string, raw: string): string[] {
  const keys = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (keys.length === 0) throw new ConfigError(name, 'expected at least one catalog key');
  return keys.map((key) => {
    const canonical = canonicalItemKey(key);
    if (canonical === undefined) throw new ConfigError(name, `unknown catalog key "${key}"`);
    return canonical;
  });
}

function parseJson<T>(name: string, raw: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError(name, 'not valid JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(name, issue === undefined ? 'invalid' : `${issue.path.join('.') || 'value'}: ${issue.message}`);
  }
  return result.data;
}
