/**
 * `myna-fetch-button/server`: the provider's backend side. Creates sessions on the relay, redeems
 * their relay-signed results and verifies them (signature against the relay's JWKS, issuer,
 * audience, session, lifetime, claims), and checks the relay's signed webhook deliveries. Node
 * only; see docs/server-sdk.md.
 */
export { createMynaRelayClient, type MynaRelayClient, type MynaRelayClientOptions } from './client.js';
export { MynaRelayError, MynaResultVerificationError, MynaWebhookError, type ClientFailureCode, type VerificationFailure, type WebhookFailureCode } from './errors.js';
export { verifyResult, type DecryptionKey, type ResultExpectations, type ResultRecord, type VerifiedResult, type VerifyResultOptions } from './verify.js';
export { verifyWebhook, type VerifyWebhookOptions } from './webhooks.js';
export { RESULT_JWT_TYPE } from '../protocol/sessions.js';
export { WEBHOOK_SIGNATURE_HEADER, type WebhookEvent, type WebhookEventType } from '../protocol/webhooks.js';
export type {
  CreateSessionRequest,
  ResultClaims,
  ResultClaimValue,
  SessionAnswer,
  SessionCreated,
  SessionStatus,
  SessionSubject,
} from '../protocol/sessions.js';
export type { ProblemCode, ProblemDocument } from '../protocol/problems.js';
