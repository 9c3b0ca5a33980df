/**
 * Runs every story of storybook-static/ in Debian's Chromium, in Japanese and in English, and fails
 * on a play function that threw, a story that errored, an a11y violation (the a11y addon's report;
 * `parameters.a11y.test = 'error'`), a console error, an uncaught exception, or any request that
 * leaves the local server. Docs pages are opened too (console errors and render failures only: the
 * a11y addon does not run on docs).
 *
 *   npm run build-storybook && tsx stories/check-stories.ts [id-filter]
 *
 * Storybook's own test runner (the vitest addon) is not installed; this reads the preview's channel
 * instead: `storyFinished` carries the outcome of the play function and every report of the story.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, assertChromium } from '../scripts/chromium.mjs';

const STATIC_DIR = resolve('storybook-static');
const LOCALES = ['ja', 'en'] as const;
const CONCURRENCY = Number(process.env['STORY_CHECK_CONCURRENCY'] ?? 4);
const STORY_TIMEOUT_MS = 15_000;
const TOTAL_TIMEOUT_MS = 180_000;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
  title: string;
  name: string;
}

type Locale = (typeof LOCALES)[number];

interface Outcome {
  entry: IndexEntry;
  locale: Locale;
  problems: string[];
  seconds: number;
}

/** What the page records from the preview's channel (installed before any script of the page runs). */
interface PageRecord {
  finished: { storyId: string; status: string; reporters: { type: string; status: string; violations: string[] }[] } | null;
  docsRendered: boolean;
  problems: string[];
}

function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    // Storybook has no favicon.ico; a browser asking for one is not a failure of the stories.
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** Runs in the page before Storybook: taps the addons channel as soon as the preview creates it. */
function tapChannel(): void {
  const record: PageRecord = { finished: null, docsRendered: false, problems: [] };
  (window as unknown as { __storyCheck: PageRecord }).__storyCheck = record;
  const describe = (error: unknown) =>
    typeof error === 'object' && error !== null ? String((error as { message?: unknown }).message ?? JSON.stringify(error)) : String(error);
  let channel: unknown;
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set: (value: { on(event: string, listener: (...args: never[]) => void): void }) => {
      if (value === channel) return;
      channel = value;
      value.on('storyFinished', (event: { storyId: string; status: string; reporters: { type: string; status: string; result?: unknown }[] }) => {
        record.finished = {
          storyId: event.storyId,
          status: event.status,
          reporters: event.reporters.map((report) => {
            const result = report.result as { violations?: { id: string; impact?: string; help: string; nodes: { target: unknown }[] }[]; error?: unknown } | undefined;
            const violations = (result?.violations ?? []).map(
              (violation) => `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} at ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`,
            );
            if (result?.error) violations.push(`a11y run failed: ${describe(result.error)}`);
            return { type: report.type, status: report.status, violations };
          }),
        };
      });
      value.on('docsRendered', () => void (record.docsRendered = true));
      value.on('playFunctionThrewException', (error: unknown) => record.problems.push(`play function threw: ${describe(error)}`));
      value.on('unhandledErrorsWhilePlaying', (errors: unknown[]) => record.problems.push(...errors.map((error) => `unhandled while playing: ${describe(error)}`)));
      value.on('storyThrewException', (error: unknown) => record.problems.push(`story threw: ${describe(error)}`));
      value.on('storyErrored', (error: unknown) => record.problems.push(`story errored: ${describe(error)}`));
      value.on('storyMissing', (id: unknown) => record.problems.push(`story missing: ${String(id)}`));
    },
  });
}

interface Tap {
  __storyCheck: PageRecord;
}

/**
 * One page per worker and locale, like a person clicking through the sidebar: the first story is
 * loaded by URL, the next ones are selected over the preview's channel (`setCurrentStory`, what the
 * manager sends), so every story also tears down the previous one. After a failure the page is
 * replaced, so that one broken story cannot spoil the next.
 */
class Worker {
  private page: Page | null = null;
  private problems: string[] = [];

  constructor(
    private readonly context: BrowserContext,
    private readonly base: string,
    private readonly locale: Locale,
  ) {}

  async check(entry: IndexEntry): Promise<Outcome> {
    const started = performance.now();
    const problems: string[] = [];
    this.problems = problems;
    const viewMode = entry.type === 'docs' ? 'docs' : 'story';
    try {
      const page = this.page ?? (await this.open());
      if (this.page) {
        await page.evaluate(
          ({ storyId, viewMode }) => {
            const tap = (window as unknown as Tap).__storyCheck;
            tap.finished = null;
            tap.docsRendered = false;
            tap.problems = [];
            const channel = (globalThis as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { emit(event: string, payload: unknown): void } }).__STORYBOOK_ADDONS_CHANNEL__;
            channel.emit('setCurrentStory', { storyId, viewMode });
          },
          { storyId: entry.id, viewMode },
        );
      } else {
        this.page = page;
        await page.goto(`${this.base}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${viewMode}&globals=locale:${this.locale}`, { waitUntil: 'load' });
      }
      if (entry.type === 'docs') {
        await page.waitForFunction(() => (window as unknown as Tap).__storyCheck.docsRendered, null, { timeout: STORY_TIMEOUT_MS });
        // Give the inline stories of the docs page a moment to render.
        await page.waitForTimeout(300);
      } else {
        await page.waitForFunction((id) => (window as unknown as Tap).__storyCheck.finished?.storyId === id, entry.id, { timeout: STORY_TIMEOUT_MS });
      }
      const record = await page.evaluate(() => (window as unknown as Tap).__storyCheck);
      problems.push(...record.problems);
      if (record.finished) {
        if (record.finished.status !== 'success') problems.push(`story finished with status "${record.finished.status}"`);
        const a11y = record.finished.reporters.filter((report) => report.type === 'a11y');
        if (entry.type === 'story' && a11y.length === 0) problems.push('no a11y report (is the a11y addon on?)');
        for (const report of a11y) {
          if (report.status !== 'passed') problems.push(`a11y ${report.status}: ${report.violations.join('; ') || 'no details'}`);
        }
      }
    } catch (error) {
      problems.push(`did not finish: ${(error as Error).message.split('\n')[0]}`);
    }
    if (problems.length > 0) await this.close();
    return { entry, locale: this.locale, problems, seconds: (performance.now() - started) / 1000 };
  }

  private async open(): Promise<Page> {
    const page = await this.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught: ${error.message}`));
    return page;
  }

  async close(): Promise<void> {
    await this.page?.close();
    this.page = null;
  }
}

async function main(): Promise<number> {
  const indexFile = join(STATIC_DIR, 'index.json');
  if (!existsSync(indexFile)) {
    console.error(`${indexFile} not found: run \`npm run build-storybook\` first.`);
    return 1;
  }
  let executablePath: string;
  try {
    executablePath = assertChromium();
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const filter = process.argv[2] ?? '';
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { entries: Record<string, IndexEntry> };
  const entries = Object.values(index.entries).filter((entry) => entry.id.includes(filter));
  if (entries.length === 0) {
    console.error(`no stories${filter ? ` matching "${filter}"` : ''} in ${indexFile}`);
    return 1;
  }

  const server = await serve(STATIC_DIR);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const offline: string[] = [];
  let browser: Browser | undefined;
  const watchdog = setTimeout(() => {
    console.error(`check-stories: gave up after ${TOTAL_TIMEOUT_MS / 1000} s`);
    process.exit(1);
  }, TOTAL_TIMEOUT_MS);
  const started = performance.now();
  const outcomes: Outcome[] = [];
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS] });
    const queues = new Map(LOCALES.map((locale) => [locale, [...entries]]));
    const work = async (locale: Locale) => {
      const queue = queues.get(locale)!;
      const context = await browser!.newContext({ serviceWorkers: 'block' });
      // tsx keeps function names with an `__name` helper that the page does not have.
      await context.addInitScript({ content: `{ const __name = (target) => target; (${tapChannel.toString()})(); }` });
      // Nothing may leave the local server: Storybook must work offline.
      await context.route('**/*', (route) => {
        const target = route.request().url();
        if (target.startsWith(`${base}/`)) return route.continue();
        offline.push(target);
        return route.abort('blockedbyclient');
      });
      const worker = new Worker(context, base, locale);
      for (let entry = queue.shift(); entry; entry = queue.shift()) {
        const outcome = await worker.check(entry);
        outcomes.push(outcome);
        const label = `${outcome.entry.id} [${outcome.locale}]`;
        console.log(`${outcome.problems.length === 0 ? 'ok  ' : 'FAIL'} ${label} (${outcome.seconds.toFixed(1)} s)`);
        for (const problem of outcome.problems) console.log(`       ${problem}`);
      }
      await worker.close();
      await context.close();
    };
    // Workers share a queue per locale: each keeps one page in its locale.
    const perLocale = Math.max(1, Math.floor(CONCURRENCY / LOCALES.length));
    await Promise.all(LOCALES.flatMap((locale) => Array.from({ length: Math.min(perLocale, entries.length) }, () => work(locale))));
  } finally {
    clearTimeout(watchdog);
    await browser?.close();
    server.close();
  }

  const failed = outcomes.filter((outcome) => outcome.problems.length > 0);
  const stories = new Set(outcomes.filter((outcome) => outcome.entry.type === 'story').map((outcome) => outcome.entry.id)).size;
  console.log(
    `\n${outcomes.length} runs (${stories} stories + docs, ${LOCALES.join(' and ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `${outcomes.length - failed.length} ok, ${failed.length} failed`,
  );
  if (offline.length > 0) console.log(`blocked requests off the local server:\n  ${[...new Set(offline)].join('\n  ')}`);
  return failed.length > 0 || offline.length > 0 ? 1 : 0;
}

process.exitCode = await main();
