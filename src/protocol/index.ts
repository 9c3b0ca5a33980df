/**
 * The wire contract: every shape that crosses between the widget, the relay and the provider's
 * backend, as zod/mini schemas with their inferred types, and the problem codes. The relay
 * validates with these schemas at its edge; the widget checks answers with `answer-checks.ts`,
 * generated from them (zod stays out of the script-tag build).
 */
export * from './availability.js';
export * from './catalog.js';
export * from './common.js';
export * from './disclosure.js';
export * from './fallback.js';
export * from './flows.js';
export * from './handoff.js';
export * from './names.js';
export * from './operations.js';
export * from './problems.js';
export * from './sessions.js';
export * from './webhooks.js';
