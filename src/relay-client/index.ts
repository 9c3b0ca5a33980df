export { createFlowSecret } from './flow-secret.js';
export { HttpRelayClient, RelayError, type FlowMode, type RelayClient, type StartFlowRequest } from './relay-client.js';
export type { Disclosure, FlowResult, FlowStarted, FlowSuccess, Query, RelayValue } from './schema.js';
