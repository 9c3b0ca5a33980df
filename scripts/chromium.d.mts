export function chromiumPath(): string;
export const CHROMIUM_ARGS: readonly string[];
export function assertChromium(): string;
