import * as z from 'zod/mini';
import { HANDOFF_MESSAGE_TYPE } from './names.js';

/** How the portal step ended, as the hand-off page tells the widget; never personal data. */
export const handOffOutcome = z.enum(['consented', 'cancelled', 'card_locked', 'unavailable', 'portal-error', 'error', 'expired']);
export type HandOffOutcome = z.infer<typeof handOffOutcome>;

/**
 * The hand-off page's `postMessage` to the widget that opened the consent window (popup mode),
 * sent to the host page's exact origin. It only says "poll now": the result itself is fetched
 * with the flow's secret.
 */
export const handOffMessage = z.object({ type: z.literal(HANDOFF_MESSAGE_TYPE), flowId: z.string(), outcome: handOffOutcome });
export type HandOffMessage = z.infer<typeof handOffMessage>;
