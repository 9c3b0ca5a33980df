import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumPath } from '../../../scripts/chromium.mjs';
import { MYNA_FETCH_EVENT_TYPES } from '../../../src/widget/events/index.js';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Screenshots of every test's end state (git-ignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../../test-results/e2e/', import.meta.url));

/**
 * Debian's Chromium (never a downloaded browser); CHROME_PATH overrides. With `popupBlocking`,
 * Chromium's own pop-up blocker is on (Playwright turns it off by default): a `window.open` that
 * does not follow a user's gesture is refused, as in a person's browser.
 */
export function launchBrowser(options: { popupBlocking?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS],
    ...(options.popupBlocking ? { ignoreDefaultArgs: ['--disable-popup-blocking'] } : {}),
  });
}

/** Every `myna-fetch-*` event the element can emit. */
export const EVENT_TYPES = MYNA_FETCH_EVENT_TYPES;

export interface RecordedEvent {
  type: (typeof EVENT_TYPES)[number];
  detail: unknown;
}

export interface RecordedViolation {
  directive: string;
  blockedURI: string;
  sample: string;
  source: string;
}

export interface PageRecord {
  events: RecordedEvent[];
  violations: RecordedViolation[];
  /** Names passed to `customElements.define`, in order. */
  defines: string[];
}

/**
 * Runs in the host page before any of its scripts (a DevTools init script, so the page itself keeps
 * no inline script): records the widget's events, CSP violations and custom element definitions.
 * Plain JavaScript text, not a serialised function, so nothing of the TypeScript toolchain leaks in.
 */
function recorderScript(hostOrigin: string): string {
  return `(() => {
  if (window !== window.top || location.origin !== ${JSON.stringify(hostOrigin)}) return;
  const record = { events: [], violations: [], defines: [] };
  Object.defineProperty(window, '__e2e', { value: record });
  for (const type of ${JSON.stringify(EVENT_TYPES)}) {
    window.addEventListener(type, (event) => {
      record.events.push({ type, detail: JSON.parse(JSON.stringify(event.detail === undefined ? null : event.detail)) });
    }, true);
  }
  window.addEventListener('securitypolicyviolation', (event) => {
    record.violations.push({
      directive: event.effectiveDirective,
      blockedURI: event.blockedURI,
      sample: event.sample,
      source: event.sourceFile + ':' + event.lineNumber,
    });
  }, true);
  const define = CustomElementRegistry.prototype.define;
  CustomElementRegistry.prototype.define = function (name, constructor, options) {
    record.defines.push(name);
    return define.call(this, name, constructor, options);
  };
})();`;
}

/** A console error or an uncaught exception. */
export interface Problem {
  /** `host`: the test's page (wherever it navigated); `other`: pop-ups. */
  page: 'host' | 'other';
  /** The page's URL at the time. */
  url: string;
  text: string;
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of every page of the context, in order. */
  problems: Problem[];
  /** The problems of the test's own page, as text: what a strict-CSP host page must be free of. */
  hostProblems(): string[];
  /** What the recorder saw in the current host document. */
  record(): Promise<PageRecord>;
  /** Details of the events of one type in the current host document, in order. */
  events(type: RecordedEvent['type']): Promise<unknown[]>;
  /** The types of every event but `myna-fetch-state` in the current host document, in order. */
  lifecycle(): Promise<string[]>;
  /** Saves a full-page screenshot of the host page to test-results/e2e/<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** A fresh context (own cookies and storage) with one page, watched for errors. */
export async function newSession(browser: Browser, hostOrigin: string, options: { locale?: string } = {}): Promise<Session> {
  const context = await browser.newContext({ locale: options.locale ?? 'ja-JP', viewport: { width: 1000, height: 900 } });
  context.setDefaultTimeout(10_000);
  await context.addInitScript({ content: recorderScript(hostOrigin) });
  const problems: Problem[] = [];
  const watch = (watched: Page, which: Problem['page']) => {
    watched.on('console', (message) => {
      if (message.type() !== 'error') return;
      const source = message.location().url;
      // The browser's own favicon request; neither the sandbox nor the host page serves one.
      if (source !== '' && new URL(source).pathname === '/favicon.ico') return;
      problems.push({ page: which, url: watched.url(), text: `console error (${source}): ${message.text()}` });
    });
    watched.on('pageerror', (error) => problems.push({ page: which, url: watched.url(), text: `uncaught: ${error.message}` }));
  };
  const page = await context.newPage();
  watch(page, 'host');
  context.on('page', (opened) => {
    if (opened !== page) watch(opened, 'other');
  });
  const record = () => page.evaluate(() => (window as unknown as { __e2e: PageRecord }).__e2e);
  return {
    context,
    page,
    problems,
    hostProblems: () => problems.filter((problem) => problem.page === 'host').map((problem) => `${problem.url}: ${problem.text}`),
    record,
    async events(type) {
      const { events } = await record();
      return events.filter((event) => event.type === type).map((event) => event.detail);
    },
    async lifecycle() {
      const { events } = await record();
      return events.filter((event) => event.type !== 'myna-fetch-state').map((event) => event.type);
    },
    async screenshot(name) {
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: `${ARTIFACTS_DIR}${name}.png`, fullPage: true });
    },
    close: () => context.close(),
  };
}
