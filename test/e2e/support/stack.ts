import { access } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { startMailCatcher, type MailCatcher } from '../../../src/dev/mail-catcher/index.js';
import { ALWAYS_OPEN } from '../../support/fixtures.js';
import { startStack, type Stack } from '../../support/stack.js';
import { launchBrowser } from './browser.js';
import { startHostPage, WIDGET, type HostPage } from './host-page.js';

/** The provider's name as the relay is configured here; the disclosure and the portal show it. */
export const SERVICE_NAME = 'みなと銀行（E2E）';
export const PURPOSE = '住宅ローンの事前審査（E2E）';

export interface E2eStackOptions {
  /**
   * `always-open` (default): every server up at all hours, on the relay and the sandbox.
   * `guideline`: the guideline's hours (no overrides) on both, each on its own clock.
   */
  schedule?: 'always-open' | 'guideline';
  /** An instant (with an offset) both clocks, the relay's and the sandbox's, start at; default real time. */
  clock?: string;
  /**
   * Starts the development mail catcher (src/dev/mail-catcher) on free loopback ports, points the
   * relay's SMTP settings at it and runs the relay's fallback mail worker every `mail.intervalMs`
   * (default 200 ms).
   */
  mail?: boolean | { intervalMs?: number };
  /**
   * How long the sandbox's slow persona (鈴木 一郎) takes after consent; default 1500 ms (the
   * test stack's), `DEFAULT_SLOW_DELAY_MS` (25 s) for the sandbox's own default.
   */
  slowDelayMs?: number;
  /** Chromium with its pop-up blocker on (see `launchBrowser`). */
  popupBlocking?: boolean;
}

export interface E2eStack {
  portal: Stack;
  host: HostPage;
  browser: Browser;
  /** The mail catcher the relay sends to, with `mail`; else null. */
  mail: MailCatcher | null;
  /** A fixture page's URL on the host origin. */
  url(page: string): string;
  close(): Promise<void>;
}

/**
 * Everything one test file needs: the sandbox and the relay on 127.0.0.1, the host page on
 * localhost (cross-site, as in production; the relay allows exactly its origin), one Chromium.
 */
export async function startE2eStack(options: E2eStackOptions = {}): Promise<E2eStack> {
  try {
    await access(WIDGET);
  } catch {
    throw new Error(`${WIDGET} is missing: run \`npm run build\` before the end-to-end tests`);
  }
  const cleanups: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    let relayOrigin = '';
    const host = await startHostPage(() => relayOrigin);
    cleanups.push(() => host.close());
    let mail: MailCatcher | null = null;
    if (options.mail) {
      const catcher = await startMailCatcher({ host: '127.0.0.1', smtpPort: 0, httpPort: 0 });
      cleanups.push(() => catcher.close());
      mail = catcher;
    }
    const mailIntervalMs = (typeof options.mail === 'object' ? options.mail.intervalMs : undefined) ?? 200;
    const guideline = options.schedule === 'guideline';
    // Every server always up unless `guideline`: these tests are about the flow, not the hours.
    const portal = await startStack({
      env: {
        RELAY_ALLOWED_ORIGINS: host.origin,
        RELAY_SERVICE_NAME: SERVICE_NAME,
        RELAY_PURPOSE: PURPOSE,
        ...(guideline ? {} : { RELAY_SCHEDULE_OVERRIDES: ALWAYS_OPEN }),
        ...(mail === null ? {} : { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mail.smtpPort) }),
      },
      sandbox: {
        clientId: 'myna-relay-e2e',
        ...(guideline ? { hours: 'schedule' as const } : {}),
        ...(options.slowDelayMs === undefined ? {} : { slowDelayMs: options.slowDelayMs }),
      },
      ...(options.clock === undefined ? {} : { clockStart: options.clock }),
      ...(mail === null ? {} : { mailWorker: { intervalMs: mailIntervalMs } }),
    });
    cleanups.push(() => portal.close());
    relayOrigin = portal.relayOrigin;
    const browser = await launchBrowser({ popupBlocking: options.popupBlocking ?? false });
    cleanups.push(() => browser.close());
    return { portal, host, browser, mail, url: (page) => `${host.origin}/${page}`, close };
  } catch (error) {
    // Whatever did start must not keep the test process alive.
    await close();
    throw error;
  }
}

/** What the relay's store holds about a flow: its status and how it ended (no secrets). */
export interface FlowState {
  status: string;
  outcome: unknown;
}

/**
 * Waits until the relay's store has the flow `id` in `status` (the widget tells the relay without
 * waiting for the answer) and returns its state; fails with the last state seen after `timeout`.
 */
export async function waitForFlowStatus(stack: E2eStack, id: string, status: string, timeout = 5_000): Promise<FlowState> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const flow = await stack.portal.relay.store.get(id);
    const state = { status: flow?.status ?? 'missing', outcome: flow?.outcome ?? null };
    if (state.status === status) return state;
    if (Date.now() > deadline) throw new Error(`flow ${id} is ${JSON.stringify(state)}, not ${status}, after ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
