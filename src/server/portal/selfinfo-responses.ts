import { z } from 'zod';
import type { ServerAvailability } from '../store/types.js';
import { PortalError } from './errors.js';

export type SelfInfoStart =
  | { kind: 'accepted'; processId: string }
  | { kind: 'unavailable'; nextAvailableAt: string | null; servers: ServerAvailability[] };

export type SelfInfoPoll =
  | { status: 'PENDING'; retryAfterSeconds: number }
  | { status: 'SUCCESS'; jws: string }
  | { status: 'ERROR'; code: string }
  | { status: 'EXPIRED' };

const isoDateTime = z.iso.datetime({ offset: true });

const unavailableSchema = z.object({
  error: z.literal('not_available_now'),
  nextAvailableAt: isoDateTime.nullable(),
  servers: z
    .array(z.object({ id: z.string().regex(/^[a-z][a-z-]{0,40}$/), available: z.boolean(), nextAvailableAt: isoDateTime.nullable() }))
    .max(50),
});

const pollSchema = z.discriminatedUnion('status', [
  z.object({ processId: z.string(), status: z.literal('PENDING') }),
  z.object({ processId: z.string(), status: z.literal('SUCCESS'), result: z.string().min(1).max(1_000_000) }),
  z.object({
    processId: z.string(),
    status: z.literal('ERROR'),
    error: z.object({ code: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) }).loose(),
  }),
  z.object({ processId: z.string(), status: z.literal('EXPIRED') }),
]);

export function parseUnavailable(body: unknown): SelfInfoStart {
  const parsed = unavailableSchema.safeParse(body);
  if (!parsed.success) throw new PortalError('portal-protocol-error', 'Malformed not_available_now answer');
  const { nextAvailableAt, servers } = parsed.data;
  return { kind: 'unavailable', nextAvailableAt, servers };
}

/** Retry-After is honoured within bounds: capped at 30 s so a stuck portal cannot stall the widget. */
const DEFAULT_RETRY_SECONDS = 2;
const MAX_RETRY_SECONDS = 30;

export function parsePollResponse(body: unknown, processId: string, retryAfter: string | null): SelfInfoPoll {
  const parsed = pollSchema.safeParse(body);
  if (!parsed.success) throw new PortalError('portal-protocol-error', 'Malformed self-information status');
  if (parsed.data.processId !== processId) throw new PortalError('portal-protocol-error', 'Status for another processId');
  switch (parsed.data.status) {
    case 'PENDING':
      return { status: 'PENDING', retryAfterSeconds: retrySeconds(retryAfter) };
    case 'SUCCESS':
      return { status: 'SUCCESS', jws: parsed.data.result };
    case 'ERROR':
      return { status: 'ERROR', code: parsed.data.error.code };
    case 'EXPIRED':
      return { status: 'EXPIRED' };
  }
}

function retrySeconds(header: string | null): number {
  if (header === null || !/^\d{1,6}$/.test(header.trim())) return DEFAULT_RETRY_SECONDS;
  return Math.min(Number(header.trim()), MAX_RETRY_SECONDS);
}
