import type { StorybookConfig } from '@storybook/web-components-vite';

/** The dev server's channel to the manager (only the calls used here). */
interface ServerChannel {
  removeAllListeners(event: string): void;
  on(event: string, listener: () => void): void;
  emit(event: string, payload: unknown): void;
}

/**
 * Storybook for <myna-fetch-button>. Offline by design: no telemetry, no update checks, no
 * what's-new fetches. `npm run build-storybook` writes storybook-static/, which
 * `stories/check-stories.ts` then drives in Chromium.
 */
const config: StorybookConfig & { experimental_serverChannel: (channel: ServerChannel) => Promise<ServerChannel> } = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
    enableCrashReports: false,
  },
  /**
   * The dev server fetches https://storybook.js.org/whats-new/v1 whenever the manager loads, whatever
   * `disableWhatsNewNotifications` says: answer locally with what it answers when offline. (Run dev
   * with `--no-version-updates` as well: that is the other fetch, the version check.)
   */
  async experimental_serverChannel(channel) {
    channel.removeAllListeners('requestWhatsNewData');
    channel.on('requestWhatsNewData', () => channel.emit('resultWhatsNewData', { data: { status: 'ERROR' } }));
    return channel;
  },
  docs: { defaultName: 'Docs' },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    // Storybook's own preview chunks are large by nature; the widget's size budget is checked by `npm run bench`.
    return mergeConfig(viteConfig, { build: { chunkSizeWarningLimit: 2048, rolldownOptions: { checks: { bundlerTimings: false } } } });
  },
};

export default config;
