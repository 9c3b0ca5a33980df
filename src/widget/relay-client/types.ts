import type { AvailabilityAnswer, DisclosureAnswer, FlowResult, FlowStarted, Query, ResultValue, ServerState } from '../../protocol/index.js';

/** The protocol's answers under the names the widget uses. */
export type { FlowResult, FlowStarted, Query };
export type Availability = AvailabilityAnswer;
export type Disclosure = DisclosureAnswer;
/** A server that cannot answer now: from the schedule (named) or from the portal (perhaps only its id). */
export type UnavailableServer = ServerState;
export type FlowSuccess = Extract<FlowResult, { status: 'success' }>['result'];
export type RelayValue = ResultValue;
