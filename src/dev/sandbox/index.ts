/** Mynaportal stand-in: OAuth 2.0 at the FAPI 2.0 Security Profile level plus the self-information API. */
export { createSandbox, startSandbox, type RequestHandler, type StartedSandbox } from './sandbox.js';
export type { Availability, AvailabilityHook, SandboxClient, SandboxOptions, ServerAvailability } from './options.js';
export { PERSONAS, type Persona, type PersonaOutcome } from './personas.js';
export type { FieldValue, PersonaRecord } from './records.js';
export { scheduleAvailability } from './schedule-hook.js';
export { createSandboxClock, withDevClock, DEV_CLOCK_PATH, type SandboxClock } from './dev-clock.js';
