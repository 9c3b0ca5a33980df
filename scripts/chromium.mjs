import { existsSync } from 'node:fs';

/** Debian's Chromium, or CHROME_PATH when set. */
export function chromiumPath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

/**
 * Headless as root in a closed network: without the background-networking flags Chromium keeps
 * trying hosts it cannot reach. Every launcher (tests, e2e, Storybook check, bench) uses these.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]);

/** Fails fast with the exact fix instead of letting a launcher hang. */
export function assertChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  throw new Error(
    `Chromium not found at ${path}. Install Debian's Chromium with:\n` +
      '  apt-get update && apt-get install -y chromium\n' +
      'or point CHROME_PATH at an existing Chromium binary.',
  );
}
