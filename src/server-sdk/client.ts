import * as z from 'zod/mini';
import { IDEMPOTENCY_HEADER } from '../protocol/names.js';
import { PROBLEM_CONTENT_TYPE, problem } from '../protocol/problems.js';
import {
  createSessionRequest,
  sessionAnswer,
  sessionCreated,
  sessionStatus,
  type CreateSessionRequest,
  type SessionAnswer,
  type SessionCreated,
} from '../protocol/sessions.js';
import { MynaRelayError } from './errors.js';
import { checkedInput } from './input.js';
import {
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  DEFAULT_JWKS_CACHE_SECONDS,
  importDecryptionKeys,
  relayKeySet,
  verifyResultWith,
  type DecryptionKey,
  type VerifiedResult,
} from './verify.js';

export interface MynaRelayClientOptions {
  /** The relay's public URL (`RELAY_PUBLIC_URL`); also the `iss` every result must carry. */
  relayUrl: string;
  /** The API key whose hash is in `RELAY_CLIENTS`. Server side only: never send it to a browser. */
  apiKey: string;
  /** The client's `id` in `RELAY_CLIENTS`: the `aud` every result must carry. */
  clientId: string;
  /** Replaces the global fetch (a proxy agent, timeouts, tests). */
  fetch?: typeof fetch;
  /**
   * The private key whose public half is the client's `encryptionKey`. When set, every result must
   * be a JWE and a plaintext one is refused. Several keys while rotating: each is tried.
   */
  decryptionKey?: DecryptionKey | readonly DecryptionKey[];
  /** How long the relay's JWKS is kept; default 300. An unknown `kid` fetches it again sooner. */
  jwksCacheSeconds?: number;
  /** Allowed clock skew for a result's `iat` and `exp`; default 30. */
  clockToleranceSeconds?: number;
}

export interface MynaRelayClient {
  /** `POST /v1/sessions`: hand `clientToken` to the page, keep `sessionId` with the application. */
  createSession(request: CreateSessionRequest, options?: { idempotencyKey?: string }): Promise<SessionCreated>;
  getSession(sessionId: string): Promise<SessionAnswer>;
  /** The signed result, decrypted and verified; `MynaRelayError` `result-not-ready` (retryable) until it is there. */
  getResult(sessionId: string): Promise<VerifiedResult>;
  /** Purges the session and its result at the relay. */
  deleteSession(sessionId: string): Promise<void>;
}

const clientOptions = z.object({
  relayUrl: z.url({ protocol: /^https?$/ }),
  // A header value: a key pasted with its newline would otherwise fail inside fetch, as if the relay were down.
  apiKey: z.string().check(z.regex(/^[\x21-\x7e]+$/, 'expected the API key as printed, without spaces or line breaks')),
  clientId: z.string().check(z.minLength(1)),
  jwksCacheSeconds: z.optional(z.number().check(z.gte(0))),
  clockToleranceSeconds: z.optional(z.number().check(z.gte(0))),
});

const sessionIdInput = z.string().check(z.minLength(1), z.maxLength(256));
/** The relay's rule for the header (src/server/fallback/idempotency.ts): 1 to 255 printable ASCII, no space at either end. */
const idempotencyKeyInput = z.string().check(z.regex(/^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/, 'expected 1 to 255 printable ASCII characters'));

/** A client for the relay's provider routes: Bearer key, every input and answer checked against src/protocol. */
export function createMynaRelayClient(options: MynaRelayClientOptions): MynaRelayClient {
  const settings = checkedInput(clientOptions, options, 'createMynaRelayClient options');
  // Results carry the URL as configured on the relay, without a trailing slash.
  const relayUrl = settings.relayUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? fetch;
  const keys = relayKeySet(new URL(`${relayUrl}/.well-known/jwks.json`), {
    cacheSeconds: settings.jwksCacheSeconds ?? DEFAULT_JWKS_CACHE_SECONDS,
    fetch: fetchImpl,
  });
  const decryptionKeys = importDecryptionKeys(options.decryptionKey);
  // A bad key throws its TypeError from getResult, not as an unhandled rejection here.
  decryptionKeys.catch(() => undefined);

  async function call(method: 'GET' | 'POST' | 'DELETE', path: string, expectedStatus: number, init: { body?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer ${settings.apiKey}`, ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      // No Origin header (Node's fetch sends none): the relay refuses provider calls that carry one.
      response = await fetchImpl(`${relayUrl}${path}`, {
        method,
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        // The relay's API never redirects; following one would carry the key elsewhere.
        redirect: 'manual',
      });
    } catch (error) {
      throw new MynaRelayError({ status: null, code: 'relay-unreachable', detail: `${method} ${path}: ${(error as Error).message}` }, { cause: error });
    }
    if (response.status !== expectedStatus) throw await refusal(response, `${method} ${path}`);
    return response;
  }

  const sessionPath = (sessionId: string) => `/v1/sessions/${encodeURIComponent(checkedInput(sessionIdInput, sessionId, 'sessionId'))}`;

  return {
    async createSession(request, { idempotencyKey } = {}) {
      const body = checkedInput(createSessionRequest, request, 'createSession request');
      const headers: Record<string, string> = idempotencyKey === undefined ? {} : { [IDEMPOTENCY_HEADER]: checkedInput(idempotencyKeyInput, idempotencyKey, IDEMPOTENCY_HEADER) };
      return checkedAnswer(sessionCreated, await call('POST', '/v1/sessions', 201, { body, headers }));
    },
    async getSession(sessionId) {
      return checkedAnswer(sessionAnswer, await call('GET', sessionPath(sessionId), 200));
    },
    async getResult(sessionId) {
      const path = `${sessionPath(sessionId)}/result`;
      const response = await call('GET', path, 200);
      if (mediaType(response) !== 'application/jwt') {
        throw new MynaRelayError({ status: response.status, code: 'unexpected-answer', detail: `${path}: expected application/jwt, got ${mediaType(response) || 'no content type'}` });
      }
      return verifyResultWith((await response.text()).trim(), keys, await decryptionKeys, {
        issuer: relayUrl,
        audience: settings.clientId,
        sessionId,
        clockToleranceSeconds: settings.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
      });
    },
    async deleteSession(sessionId) {
      await call('DELETE', sessionPath(sessionId), 204);
    },
  };
}

async function checkedAnswer<T>(schema: z.ZodMiniType<T>, response: Response): Promise<T> {
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new MynaRelayError({ status: response.status, code: 'unexpected-answer', detail: `the answer is not the protocol's:\n${z.prettifyError(parsed.error)}` });
  }
  return parsed.data;
}

const mediaType = (response: Response) => (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/** The problem document of a refusal; `unexpected-answer` when the relay (or a proxy before it) sent something else. */
async function refusal(response: Response, call: string): Promise<MynaRelayError> {
  const unexpected = () => new MynaRelayError({ status: response.status, code: 'unexpected-answer', detail: `${call}: HTTP ${response.status} without a problem document` });
  if (mediaType(response) !== PROBLEM_CONTENT_TYPE) {
    await response.body?.cancel(); // a proxy's error page, say: nothing to read in it
    return unexpected();
  }
  const parsed = problem.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) return unexpected();
  const document = parsed.data;
  const status = sessionStatus.safeParse(document['sessionStatus']);
  return new MynaRelayError({
    status: response.status,
    code: document.code,
    detail: document.detail,
    problem: document,
    ...(status.success ? { sessionStatus: status.data } : {}),
  });
}
