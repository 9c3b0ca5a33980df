export { createFlowSecret } from './flow-secret.js';
export { HttpRelayClient, RelayError, type DisclosureRequest, type FallbackRequest, type FlowMode, type RelayClient, type StartFlowRequest } from './relay-client.js';
export type { Availability, Disclosure, UnavailableServer, FlowResult, FlowStarted, FlowSuccess, Query, RelayValue } from './types.js';
