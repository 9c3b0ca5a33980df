import { createHash, randomBytes } from 'node:crypto';

/** On the relay's default RELAY_ALLOWED_ORIGINS (the Vite dev server of the demo). */
export const HOST_ORIGIN = 'http://localhost:5173';
export const RETURN_URL = `${HOST_ORIGIN}/demo/loan.html`;

/** What the widget sends on every mutating relay call. */
export function widgetHeaders(): Record<string, string> {
  return { Origin: HOST_ORIGIN, 'Content-Type': 'application/json', 'X-Myna-Fetch': '1' };
}

export function newSecret(): { secret: string; secretHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, secretHash: createHash('sha256').update(secret).digest('base64url') };
}

/** `POST /v1/flows` body as the widget builds it (popup mode, latest values). */
export function flowBody(secretHash: string): string {
  return JSON.stringify({
    items: ['localTax.salaryRevenue', 'localTax.taxYear'],
    query: { method: 'latest' },
    mode: 'popup',
    returnUrl: RETURN_URL,
    secretHash,
  });
}
