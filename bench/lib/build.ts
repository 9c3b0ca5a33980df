import { build } from 'vite';

let built: Promise<void> | undefined;

/** `vite build` of the widget into dist/ (vite.config.ts), once per bench run whatever the suite order. */
export function buildWidget(): Promise<void> {
  built ??= build({ logLevel: 'silent' }).then(() => undefined);
  return built;
}
