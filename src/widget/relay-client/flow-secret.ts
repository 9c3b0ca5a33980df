function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** A fresh secret that only this widget knows, and its SHA-256 the relay keeps to recognise it. */
export async function createFlowSecret(): Promise<{ secret: string; secretHash: string }> {
  const secret = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return { secret, secretHash: base64url(new Uint8Array(digest)) };
}
