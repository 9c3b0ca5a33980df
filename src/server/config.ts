import { z } from 'zod';
import { parseScheduleOverridesJson, type ScheduleOverrides } from '../domain/schedule/index.js';
import { splitList } from '../domain/text.js';
import { WEBHOOK_SECRET_PATTERN } from '../protocol/webhooks.js';
import ipaddr from 'ipaddr.js';
import { canonicalItemKey } from './items.js';
import { apiKeyHash } from './sessions/api-keys.js';
import { ConfigError, SettingsTable, text, type SettingsOf } from './settings-table.js';

export { ConfigError } from './settings-table.js';

export const SIGNING_ALGORITHMS = ['ES256', 'PS256', 'EdDSA'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

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

const resultKeySchema = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  kid,
  alg: z.optional(z.literal('ES256')),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1),
});

const resultKeyListSchema = z
  .array(resultKeySchema)
  .min(1)
  .max(2, 'at most two result keys: the one that signs and, during a rotation, the previous one')
  .refine((keys) => new Set(keys.map((key) => key.kid)).size === keys.length, 'kid values must be unique');

const idPattern = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const purposeSchema = z.strictObject({
  id: z.string().regex(idPattern, 'lower-case letters, digits, ".", "_", "-" (≤ 64)'),
  ja: z.string().min(1).max(200),
  en: z.string().min(1).max(200),
  retentionDays: z.int().min(1).max(3650),
});

const purposeListSchema = z
  .array(purposeSchema)
  .min(1)
  .refine((purposes) => new Set(purposes.map((purpose) => purpose.id)).size === purposes.length, 'purpose ids must be unique');

/** `test:` or `live:` and base64url(SHA-256(api key)), as `npm run relay:key` prints it. */
export const KEY_HASH_PATTERN = /^(test|live):([A-Za-z0-9_-]{43})$/;

const exactOrigin = z.string().refine((origin) => URL.canParse(origin) && new URL(origin).origin === origin, 'not an exact origin (scheme://host[:port])');

const encryptionPublicKeySchema = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  kid: z.optional(kid),
  alg: z.optional(z.literal('ECDH-ES+A256KW')),
  use: z.optional(z.literal('enc')),
});

const clientSchema = z.strictObject({
  id: z.string().regex(idPattern, 'lower-case letters, digits, ".", "_", "-" (≤ 64)'),
  keyHashes: z.array(z.string().regex(KEY_HASH_PATTERN, 'expected test:<base64url sha256> or live:<…> (npm run relay:key)')).min(1).max(2, 'at most two keys: the current one and, during a rotation, the next'),
  origins: z.array(exactOrigin).min(1),
  purposes: z.array(z.string().regex(idPattern)).min(1),
  webhookUrl: z.optional(z.url({ protocol: /^https?$/ })),
  webhookSecrets: z
    .array(z.string().regex(WEBHOOK_SECRET_PATTERN, 'expected whsec_ and at least 32 base64url characters (npm run relay:key prints one)'))
    .min(1)
    .max(2, 'at most two secrets: the current one and, during a rotation, the next')
    .optional(),
  encryptionKey: z.optional(encryptionPublicKeySchema),
}).refine((client) => (client.webhookUrl === undefined) === (client.webhookSecrets === undefined), 'webhookUrl and webhookSecrets go together: every delivery is signed');

const clientListSchema = z
  .array(clientSchema)
  .min(1)
  .refine((clients) => new Set(clients.map((client) => client.id)).size === clients.length, 'client ids must be unique')
  .refine((clients) => {
    const hashes = clients.flatMap((client) => client.keyHashes);
    return new Set(hashes).size === hashes.length;
  }, 'an API key belongs to one client only');

export type PrivateJwk = z.infer<typeof privateJwkSchema>;
export type ResultKeyJwk = z.infer<typeof resultKeySchema>;
export type PurposeConfig = z.infer<typeof purposeSchema>;
export type ClientConfig = z.infer<typeof clientSchema>;
export type RelayEnvironment = 'test' | 'live';

/**
 * The API key of the development client: printed by `npm start`, written in the README. A `test`
 * key, so a relay talking to the real portal (a `live` relay) refuses it.
 */
export const DEV_API_KEY = 'myna_test_LOCALDEVELOPMENTKEY_notasecret_0000';
export const DEV_CLIENT_ID = 'demo';

const DEV_PURPOSES: readonly PurposeConfig[] = [
  { id: 'mortgage-prescreen', ja: '住宅ローンの事前審査（デモ）', en: 'Mortgage pre-screening (demo)', retentionDays: 30 },
  { id: 'benefit-application', ja: '給付金の申請審査（デモ）', en: 'Benefit application review (demo)', retentionDays: 90 },
];
export type OctJwk = z.infer<typeof octJwkSchema>;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

const flag = text((raw, refuse) => {
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  return refuse(`expected 1 or 0, got "${raw}"`);
});

const integer = (min: number, max: number) =>
  text((raw, refuse) => {
    if (!/^\d+$/.test(raw)) return refuse(`expected a whole number, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max) return refuse(`expected ${min}..${max}, got ${value}`);
    return value;
  });

/** Shown on the portal's consent screen, which takes at most `max` characters. */
const label = (max: number) => text((raw, refuse) => (raw.length > max ? refuse(`longer than ${max} characters`) : raw));

/** An absolute URL without query or fragment; plain http only on loopback (development). */
const baseUrl = text((raw, refuse) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(`not an absolute URL: "${raw}"`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url))) {
    return refuse('must use https (plain http is accepted only for localhost)');
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return refuse('must not carry credentials, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
});

const origins = text((raw, refuse) => {
  const list = splitList(raw);
  if (list.length === 0) return refuse('expected at least one origin');
  for (const origin of list) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return refuse(`not an origin: "${origin}"`);
    }
    if (parsed.origin !== origin) return refuse(`not an exact origin (scheme://host[:port]): "${origin}"`);
  }
  return list;
});

const catalogKeys = text((raw, refuse) => {
  const keys = splitList(raw);
  if (keys.length === 0) return refuse('expected at least one catalog key');
  return keys.map((key) => canonicalItemKey(key) ?? refuse(`unknown catalog key "${key}"`));
});

const json = <T>(schema: z.ZodType<T>) =>
  text((raw, refuse) => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return refuse('not valid JSON');
    }
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issue = result.error.issues[0];
    return refuse(issue === undefined ? 'invalid' : `${issue.path.join('.') || 'value'}: ${issue.message}`);
  });

/**
 * `postgres://` or `postgresql://` with a host and a database. The message never repeats the
 * value: it usually carries the database password.
 */
const databaseUrl = text((raw, refuse) => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('not a URL; expected postgresql://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    return refuse(`expected a postgres:// or postgresql:// URL, got a ${url.protocol}// one`);
  }
  if ((url.hostname === '' && !url.searchParams.has('host')) || url.pathname.replace(/^\//, '') === '') {
    return refuse('must name the host and the database: postgresql://user:password@host:5432/database');
  }
  return raw;
});

const scheduleOverrides = text((raw, refuse): ScheduleOverrides => {
  try {
    return parseScheduleOverridesJson(raw);
  } catch (error) {
    return refuse((error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
});

/** An instant with an offset or Z, e.g. 2026-11-21T10:00:00+09:00. */
const instant = text((raw, refuse) =>
  z.iso.datetime({ offset: true }).safeParse(raw).success
    ? Date.parse(raw)
    : refuse(`expected an ISO 8601 instant with an offset, e.g. 2026-11-21T10:00:00+09:00, got "${raw}"`),
);

/** `<burst>/<seconds>`: e.g. 5/600 lets a client register 5 times at once, then once every 120 s. */
const rate = text((raw, refuse) => {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(raw);
  const burst = Number(match?.[1]);
  const perSeconds = Number(match?.[2]);
  if (match === null || burst < 1 || perSeconds < 1) return refuse(`expected <count>/<seconds> such as 5/600, got "${raw}"`);
  return { burst, perSeconds };
});

const host = text((raw, refuse) =>
  /^[A-Za-z0-9.-]{1,253}$/.test(raw) || /^[0-9a-fA-F:]{2,39}$/.test(raw) ? raw : refuse(`not a host name: "${raw}"`),
);

/** `address` or `Name <address>`; no line breaks (header injection). */
const mailbox = text((raw, refuse) => {
  const match = /^(?:(.*?)\s*<([^<>\s]+)>|([^<>\s]+))$/.exec(raw);
  const address = match?.[2] ?? match?.[3];
  const display = (match?.[1] ?? '').replace(/^"(.*)"$/, '$1');
  if (match === null || address === undefined || !/^[^@\s]{1,64}@[A-Za-z0-9.-]{1,253}$/.test(address) || /[\r\n]/.test(raw)) {
    return refuse(`expected "address" or "Name <address>", got "${raw}"`);
  }
  return { name: display, address };
});

const anyText = text((raw) => raw);

const hostOf = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, '');

/**
 * Every setting the relay reads from its environment, in the order they are read (a derived
 * default sees the ones before it). docs/relay.md's table is generated from it (`npm run docs:settings`).
 */
export const SETTINGS = SettingsTable.empty()
  .add('port', {
    env: 'PORT',
    type: integer(0, 65535),
    default: 8787,
    development: true,
    example: '8080',
    doc: 'port to listen on (0: any free port)',
  })
  .add('publicUrl', {
    env: 'RELAY_PUBLIC_URL',
    type: baseUrl,
    default: { derive: (s) => `http://localhost:${s.port}` },
    shown: '`http://localhost:$PORT`',
    development: true,
    example: 'https://relay.bank.example',
    doc: 'how browsers and the portal reach the relay; the callback is `{RELAY_PUBLIC_URL}/v1/flows/callback`. https required except on localhost / 127.0.0.1 / [::1]',
  })
  .add('allowedOrigins', {
    env: 'RELAY_ALLOWED_ORIGINS',
    type: origins,
    default: { derive: (s): readonly string[] => ['http://localhost:5173', 'http://127.0.0.1:5173', new URL(s.publicUrl).origin] },
    shown: "`http://localhost:5173,http://127.0.0.1:5173,` + the relay's own origin",
    development: true,
    example: 'https://www.bank.example,https://bank.example',
    doc: 'comma list of exact origins (scheme://host[:port]) whose pages may use the relay; no wildcards',
  })
  .add('serviceName', {
    env: 'RELAY_SERVICE_NAME',
    type: label(100),
    default: '〇〇銀行（デモ）',
    development: true,
    example: '△△銀行',
    doc: "the provider's name on the disclosure and the portal's consent screen (≤ 100 characters)",
  })
  .add('purpose', {
    env: 'RELAY_PURPOSE',
    type: label(200),
    default: '住宅ローンの事前審査（デモ）',
    development: true,
    example: '住宅ローンの事前審査',
    doc: 'purpose of use, shown the same way (≤ 200 characters). The page cannot change it',
  })
  .add('allowedItems', {
    env: 'RELAY_ALLOWED_ITEMS',
    type: catalogKeys,
    default: ['household', 'localTax'] as readonly string[],
    development: true,
    example: 'localTax.salaryRevenue,localTax.taxYear',
    doc: 'catalog keys (or info numbers) this provider may request; a key allows everything below it',
  })
  .add('retentionDays', {
    env: 'RELAY_RETENTION_DAYS',
    type: integer(1, 3650),
    default: 30,
    development: true,
    example: '90',
    doc: 'how long the provider keeps the data under the consent; shown in the disclosure and returned as `retainUntil` (Japan date)',
  })
  .add('purposes', {
    env: 'RELAY_PURPOSES',
    type: json(purposeListSchema),
    default: {
      derive: (s, given): readonly PurposeConfig[] =>
        given('RELAY_PURPOSE') || given('RELAY_RETENTION_DAYS')
          ? [{ id: 'default', ja: s.purpose, en: s.purpose, retentionDays: s.retentionDays }]
          : DEV_PURPOSES,
    },
    shown: "two demo purposes (`mortgage-prescreen`, `benefit-application`); with `RELAY_PURPOSE` one entry `default` of that text and `RELAY_RETENTION_DAYS`",
    example: '[{"id":"mortgage-prescreen","ja":"住宅ローンの事前審査","en":"Mortgage pre-screening","retentionDays":90}]',
    doc: 'the purpose table: JSON array of `{ id, ja, en, retentionDays }` (id: lower case, digits, `.`, `_`, `-`). Sessions and unbound buttons name a purpose by id; its text is what the disclosure, the portal\'s consent screen and the signed result show; its retention decides `retainUntil`. The first entry is used when an unbound button names none. Replaces `RELAY_PURPOSE` + `RELAY_RETENTION_DAYS` (a one-entry shorthand; set one form, not both)',
    check: (_purposes, _s, given) => {
      const shorthand = ['RELAY_PURPOSE', 'RELAY_RETENTION_DAYS'].find(given);
      if (given('RELAY_PURPOSES') && shorthand !== undefined) {
        throw new ConfigError('RELAY_PURPOSES', `set the purpose table or its shorthand ${shorthand}, not both`);
      }
    },
  })
  .add('dataDir', {
    env: 'RELAY_DATA_DIR',
    type: anyText,
    default: '.dev/relay',
    development: true,
    example: '/var/lib/myna-relay',
    doc: 'holds `relay.sqlite` (+ WAL) unless `RELAY_DATABASE_URL` is set, and, without configured keys, `dev-keys.json`; created with mode 0700. Relative to the working directory',
  })
  .add('databaseUrl', {
    env: 'RELAY_DATABASE_URL',
    type: databaseUrl,
    default: null,
    shown: 'unset: SQLite in `RELAY_DATA_DIR`',
    example: 'postgresql://relay:…@db.internal:5432/relay?sslmode=verify-full',
    doc: 'a PostgreSQL database (`postgres://` or `postgresql://`, host and database named) shared by several relay instances, see [Several instances](#several-instances). Connection options (`sslmode`, `sslrootcert`, `application_name`, `?host=/run/postgresql` for a socket) go in the URL as `pg` reads them. A bad value stops the start naming the variable without repeating it (it holds the password); the start-up log shows it without credentials',
  })
  .add('portalIssuer', {
    env: 'PORTAL_ISSUER',
    type: baseUrl,
    default: 'http://localhost:8788',
    development: true,
    example: 'https://portal.example.jp',
    doc: "the portal's issuer; discovery at `{issuer}/.well-known/openid-configuration`, compared exactly. https required except on loopback",
  })
  .add('portalClientId', {
    env: 'PORTAL_CLIENT_ID',
    type: label(200),
    default: 'myna-relay-dev',
    development: true,
    example: 'bank-relay',
    doc: "the relay's `client_id` at the portal",
  })
  .add('environment', {
    env: 'RELAY_ENVIRONMENT',
    type: text((raw, refuse): RelayEnvironment => (raw === 'test' || raw === 'live' ? raw : refuse(`expected test or live, got "${raw}"`))),
    default: { derive: (s): RelayEnvironment => (isLoopbackUrl(new URL(s.portalIssuer)) ? 'test' : 'live') },
    shown: '`test` when `PORTAL_ISSUER` is on loopback (the sandbox), else `live`',
    example: 'live',
    doc: 'which API keys the relay accepts: `test` keys (`myna_test_…`) for a sandbox, `live` keys (`myna_live_…`) for the real portal. A key of the other kind is refused (`401 api-key-environment`), and a configured key hash of the other kind stops the start',
  })
  .add('signingKey', {
    env: 'RELAY_SIGNING_KEY',
    type: json(privateJwkSchema),
    default: null,
    shown: 'generated dev key',
    development: true,
    example: '{"kty":"EC","crv":"P-256","x":"…","y":"…","d":"…","kid":"relay-2026-01","alg":"ES256"}',
    doc: 'private JWK for `private_key_jwt`; `alg` one of ES256, PS256, EdDSA; `kid` required. Its public half is served at `/.well-known/jwks.json`',
  })
  .add('encryptionKeys', {
    env: 'RELAY_ENCRYPTION_KEYS',
    type: json(octJwkListSchema),
    default: null,
    shown: 'generated dev key',
    development: true,
    example: '[{"kty":"oct","kid":"enc-2026-01","k":"<32 bytes base64url>"}]',
    doc: 'JSON array (or `{"keys":[…]}`) of 256-bit oct JWKs sealing flow secrets (JWE `A256KW` + `A256GCM`). The first seals; all are tried by `kid` when opening, so rotate by prepending a new key and dropping the old one after `RELAY_FLOW_TTL_SECONDS`',
  })
  .add('resultKeys', {
    env: 'RELAY_RESULT_KEYS',
    type: json(resultKeyListSchema),
    default: null,
    shown: 'generated dev key',
    development: true,
    example: '[{"kty":"EC","crv":"P-256","x":"…","y":"…","d":"…","kid":"result-2026-12"}]',
    doc: 'JSON array of one or two private EC P-256 JWKs (with `kid`) that sign the results handed to providers (ES256, `typ: myna-result+jwt`); never the portal key above. The first signs; both are published at `/.well-known/jwks.json`, so rotate by prepending the new key, then dropping the old one once no result it signed is still being verified',
  })
  .add('subjectSecret', {
    env: 'RELAY_SUBJECT_SECRET',
    type: text((raw, refuse) => (/^[A-Za-z0-9_-]{43,}$/.test(raw) ? raw : refuse('expected at least 32 random bytes, base64url (43+ characters)'))),
    default: null,
    shown: 'generated dev secret',
    development: true,
    example: '<32 random bytes, base64url>',
    doc: 'HMAC key of the pairwise subject ids in signed results (`sub`: stable for one citizen and one provider, different across providers). Changing it changes every `sub`: keep it for the life of the deployment, shared by every instance',
  })
  .add('clients', {
    env: 'RELAY_CLIENTS',
    type: json(clientListSchema),
    default: {
      derive: (s): readonly ClientConfig[] | null =>
        isLoopbackUrl(new URL(s.publicUrl))
          ? [{ id: DEV_CLIENT_ID, keyHashes: [apiKeyHash(DEV_API_KEY)], origins: [...s.allowedOrigins], purposes: s.purposes.map((purpose) => purpose.id) }]
          : null,
    },
    shown: 'on localhost: one client `demo` with the key `' + 'myna_test_LOCALDEVELOPMENTKEY_notasecret_0000' + '`, every allowed origin and purpose',
    development: true,
    example: '[{"id":"bank-web","keyHashes":["live:…"],"origins":["https://www.bank.example"],"purposes":["mortgage-prescreen"]}]',
    doc: 'the provider backends that create sessions: JSON array of `{ id, keyHashes, origins, purposes, webhookUrl?, webhookSecrets?, encryptionKey? }`. `keyHashes`: one or two (rotation) `test:`/`live:` + base64url SHA-256 of the API key, as `npm run relay:key` prints them — the relay never stores a key. `origins`: the pages where its sessions\' buttons run (each also in `RELAY_ALLOWED_ORIGINS`). `purposes`: ids from `RELAY_PURPOSES` it may use. `webhookUrl` (https; plain http only to localhost in development) receives signed session events, `webhookSecrets` one or two (rotation) `whsec_…` secrets that sign them (`npm run relay:key` prints one). `encryptionKey`: a public EC P-256 JWK; results are then a JWE (`ECDH-ES+A256KW` + `A256GCM`) around the signed JWT',
    check: (clients, s) => {
      for (const client of clients ?? []) {
        for (const hash of client.keyHashes) {
          const environment = KEY_HASH_PATTERN.exec(hash)?.[1];
          if (environment !== s.environment) {
            throw new ConfigError('RELAY_CLIENTS', `client ${client.id}: a ${environment} key on a ${s.environment} relay (RELAY_ENVIRONMENT)`);
          }
        }
        const origin = client.origins.find((candidate) => !s.allowedOrigins.includes(candidate));
        if (origin !== undefined) throw new ConfigError('RELAY_CLIENTS', `client ${client.id}: origin ${origin} is not in RELAY_ALLOWED_ORIGINS`);
        if (client.webhookUrl !== undefined) {
          const url = new URL(client.webhookUrl);
          const development = isLoopbackUrl(new URL(s.publicUrl));
          if (url.protocol !== 'https:' && !(development && url.protocol === 'http:' && isLoopbackUrl(url))) {
            throw new ConfigError('RELAY_CLIENTS', `client ${client.id}: webhookUrl must use https (plain http only for localhost in development)`);
          }
        }
        const purpose = client.purposes.find((id) => !s.purposes.some((candidate) => candidate.id === id));
        if (purpose !== undefined) throw new ConfigError('RELAY_CLIENTS', `client ${client.id}: purpose "${purpose}" is not in RELAY_PURPOSES`);
      }
    },
  })
  .add('sessionTtlSeconds', {
    env: 'RELAY_SESSION_TTL_SECONDS',
    type: integer(300, 86400),
    default: 3600,
    example: '1800',
    doc: 'how long a provider session (and its client token) can start a flow (300 … 86400); an unfinished session is `expired` after it',
  })
  .add('resultTtlSeconds', {
    env: 'RELAY_RESULT_TTL_SECONDS',
    type: integer(60, 86400),
    default: 3600,
    example: '600',
    doc: 'how long a completed session\'s result can be fetched (60 … 86400), counted from completion; then the relay purges it (`410 result-purged`). `DELETE /v1/sessions/{id}` purges it at once',
  })
  .add('flowTtlSeconds', {
    env: 'RELAY_FLOW_TTL_SECONDS',
    type: integer(60, 3600),
    default: 600,
    development: true,
    example: '300',
    doc: "lifetime of a flow (60 … 3600); after it the flow's secrets are purged and its handle answers 410",
  })
  .add('scheduleOverrides', {
    env: 'RELAY_SCHEDULE_OVERRIDES',
    type: scheduleOverrides,
    default: undefined,
    shown: "unset: the guideline's hours (docs/schedule.md)",
    example: '{"maintenance":[{"server":"jichitai","from":"2026-11-25T01:00:00+09:00","to":"2026-11-25T05:00:00+09:00","reason":"Database upgrade"}]}',
    doc: 'operating-hours overrides as JSON (`servers.<id>.hours` / `.stops` replace the built-in ones, `maintenance` windows, `extraHolidays`), parsed with `parseScheduleOverridesJson`; a bad value stops the start naming the variable and the offending path. Used by `GET /v1/availability`, `POST /v1/flows` and the mail worker',
  })
  .add('clockStart', {
    env: 'RELAY_CLOCK',
    type: instant,
    default: null,
    shown: 'unset: real time',
    example: '2026-11-21T12:00:00+09:00',
    doc: "an instant (with offset or `Z`) the relay's clock starts at; it then runs forward at the real pace. For demos and tests: availability, flow expiry, retention and link expiry all read this clock",
  })
  .add('devRoutes', {
    env: 'RELAY_DEV_ROUTES',
    type: flag,
    default: false,
    shown: '`0` (off)',
    example: '1',
    doc: '`1` adds `GET`/`POST /v1/dev/clock` (below). Refused unless `RELAY_PUBLIC_URL` is on localhost / 127.0.0.1 / [::1]. `npm start` sets it; never set it in production',
    check: (on, s) => {
      if (on && !isLoopbackUrl(new URL(s.publicUrl))) {
        throw new ConfigError('RELAY_DEV_ROUTES', 'development routes are refused unless RELAY_PUBLIC_URL is on localhost');
      }
    },
  })
  .add('resumeTtlDays', {
    env: 'RELAY_RESUME_TTL_DAYS',
    type: integer(1, 30),
    default: 7,
    example: '3',
    doc: 'how long the resume link in a fallback mail works (1 … 30), counted from when the mail is sent, never past the retention',
  })
  .add('fallbackRateLimit', {
    env: 'RELAY_FALLBACK_RATE_LIMIT',
    type: rate,
    default: { burst: 5, perSeconds: 600 },
    shown: '`5/600`',
    example: '10/3600',
    doc: '`<burst>/<seconds>`: each client (Origin + IP) may register `burst` times at once, and gets `burst` more over `seconds` (token bucket, in memory per instance); over it `429 rate-limited` with `Retry-After`',
  })
  .add('webhookAllowedNetworks', {
    env: 'RELAY_WEBHOOK_ALLOWED_NETWORKS',
    type: text((raw, refuse) => {
      const list = splitList(raw);
      for (const cidr of list) {
        try {
          ipaddr.parseCIDR(cidr);
        } catch {
          return refuse(`not a network in CIDR notation: "${cidr}"`);
        }
      }
      return list;
    }),
    default: [],
    example: '10.20.0.0/16,fd00:12::/32',
    doc: 'private networks webhook deliveries may reach (comma-separated CIDRs). Outside development the relay refuses webhook targets that resolve to loopback, private, link-local or other non-public addresses — a provider backend on a private network is allowlisted here. The name is resolved once per delivery and the connection goes to the address that was checked',
  })
  .add('webhookRetryHours', {
    env: 'RELAY_WEBHOOK_RETRY_HOURS',
    type: integer(72, 720),
    default: 72,
    example: '120',
    doc: 'how long a webhook event is retried (72 … 720 hours) with exponential backoff and jitter (30 s doubling up to 1 h) before it is `abandoned`; `POST /v1/webhooks/events/{id}/redeliver` starts a new window',
  })
  .add('trustProxyHops', {
    env: 'RELAY_TRUST_PROXY',
    type: integer(0, 10),
    default: 0,
    example: '1',
    doc: 'number of reverse proxies in front of the relay whose `X-Forwarded-For` entries are trusted for the client IP of the rate limit (0: the socket\'s address)',
  })
  .add('smtpHost', {
    env: 'SMTP_HOST',
    type: host,
    default: '127.0.0.1',
    shown: '`127.0.0.1` (the dev mail catcher)',
    development: true,
    example: 'smtp.bank.example',
    doc: 'SMTP server for the fallback mails',
  })
  .add('smtpSecure', {
    env: 'SMTP_SECURE',
    type: flag,
    default: false,
    shown: '`0`',
    example: '1',
    doc: '`1`: TLS from the first byte (port 465 style); `0`: plain connection, upgraded with STARTTLS',
  })
  .add('smtpPort', {
    env: 'SMTP_PORT',
    type: integer(1, 65535),
    // Without SMTP_HOST the relay mails the local catcher (src/dev/mail-catcher) on 127.0.0.1:2525.
    default: { derive: (s, given) => (!given('SMTP_HOST') ? 2525 : s.smtpSecure ? 465 : 587) },
    shown: '`2525` without `SMTP_HOST`; else `587`, or `465` with `SMTP_SECURE=1`',
    example: '587',
    doc: 'its port',
  })
  .add('smtpRequireTls', {
    env: 'SMTP_REQUIRE_TLS',
    type: flag,
    default: { derive: (s) => !s.smtpSecure && !(s.smtpHost === 'localhost' || s.smtpHost === '::1' || /^127\./.test(s.smtpHost)) },
    shown: '`1` unless the host is loopback or `SMTP_SECURE=1`',
    example: '0',
    doc: 'refuse to send when the server does not offer STARTTLS',
  })
  .add('smtpUser', {
    env: 'SMTP_USER',
    type: anyText,
    default: null,
    shown: 'unset: no login',
    example: 'relay',
    doc: 'SMTP login; set together with `SMTP_PASS` or not at all',
  })
  .add('smtpPass', {
    env: 'SMTP_PASS',
    type: anyText,
    default: null,
    shown: 'unset: no login',
    example: '…',
    doc: 'its password',
    check: (pass, s) => {
      if ((s.smtpUser === null) !== (pass === null)) {
        throw new ConfigError(s.smtpUser === null ? 'SMTP_USER' : 'SMTP_PASS', 'SMTP_USER and SMTP_PASS are set together or not at all');
      }
    },
  })
  .add('smtpFrom', {
    env: 'SMTP_FROM',
    type: mailbox,
    default: { derive: (s) => ({ name: s.serviceName, address: `no-reply@${hostOf(s.publicUrl)}` }) },
    shown: '`"$RELAY_SERVICE_NAME" <no-reply@<host of RELAY_PUBLIC_URL>>`',
    example: '△△銀行 <no-reply@bank.example>',
    doc: 'sender, `address` or `Name <address>`',
  });

export type RelaySettings = SettingsOf<typeof SETTINGS>;

type SmtpSetting = 'smtpHost' | 'smtpPort' | 'smtpSecure' | 'smtpRequireTls' | 'smtpUser' | 'smtpPass' | 'smtpFrom';

/** What the mailer needs: the SMTP_* settings, the login as one value. */
export type SmtpConfig = ReturnType<typeof smtpConfig>;

function smtpConfig(s: RelaySettings) {
  return {
    host: s.smtpHost,
    port: s.smtpPort,
    /** Implicit TLS (port 465 style); otherwise STARTTLS when `requireTls` or when the server offers it. */
    secure: s.smtpSecure,
    requireTls: s.smtpRequireTls,
    auth: s.smtpUser === null || s.smtpPass === null ? null : { user: s.smtpUser, pass: s.smtpPass },
    from: s.smtpFrom,
  };
}

/** Everything the relay reads from its environment, validated once at start-up. */
export type RelayConfig = Omit<RelaySettings, SmtpSetting> & {
  smtp: SmtpConfig;
  /** Variables left on development defaults, for the start-up log. */
  developmentDefaults: readonly string[];
};

/** Reads and validates the relay's settings; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): RelayConfig {
  const { settings, developmentDefaults } = SETTINGS.read(env);
  if (settings.purposes === DEV_PURPOSES) developmentDefaults.push('RELAY_PURPOSES');
  requireSharedSecrets(settings);
  // The SMTP_* settings travel as one value, `smtp`: the mailer's input.
  const rest = Object.fromEntries(Object.entries(settings).filter(([key]) => !key.startsWith('smtp'))) as Omit<RelaySettings, SmtpSetting>;
  return { ...rest, smtp: smtpConfig(settings), developmentDefaults };
}

/**
 * Behind a public URL several instances serve one relay, so nothing they must share may be
 * generated per instance: clients, keys and the pairwise-subject secret have to be configured.
 */
function requireSharedSecrets(s: RelaySettings): void {
  if (isLoopbackUrl(new URL(s.publicUrl))) return;
  const missing = [
    // The demo's purposes are no purpose a citizen could consent to.
    ...(s.purposes === DEV_PURPOSES ? ['RELAY_PURPOSES'] : []),
    ...(s.clients === null ? ['RELAY_CLIENTS'] : []),
    ...(s.signingKey === null ? ['RELAY_SIGNING_KEY'] : []),
    ...(s.encryptionKeys === null ? ['RELAY_ENCRYPTION_KEYS'] : []),
    ...(s.resultKeys === null ? ['RELAY_RESULT_KEYS'] : []),
    ...(s.subjectSecret === null ? ['RELAY_SUBJECT_SECRET'] : []),
  ];
  if (missing.length > 0) {
    throw new ConfigError(missing[0]!, `required when RELAY_PUBLIC_URL is not on localhost (every instance must share it): set ${missing.join(', ')}`);
  }
}

/** A database URL without its credentials, for logs. */
export function redactDatabaseUrl(raw: string): string {
  const url = new URL(raw);
  return `${url.protocol}//${url.host}${url.pathname}`;
}
