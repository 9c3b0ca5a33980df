import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium.mjs';
import { buildWidget } from '../lib/build.js';
import { median, percentile } from '../lib/stats.js';
import type { BenchRow } from '../table.js';

const RUNS = 30;
const WARMUP_RUNS = 3;
const RUN_TIMEOUT_MS = 10_000;
const BUNDLE = 'myna-fetch-button.iife.js';

/**
 * Runs before the bundle: records the time, then waits for the definition and the element's first
 * update. The bundle's own network time (its `responseEnd`) is left out if it ends after the mark.
 */
const MARK_JS = `
window.__mynaBench = { t0: performance.now() };
customElements.whenDefined('myna-fetch-button').then(() => {
  const element = document.querySelector('myna-fetch-button');
  window.__mynaBench.defined = performance.now();
  return element.updateComplete.then(() => {
    const t1 = performance.now();
    const entry = performance.getEntriesByName(new URL('/${BUNDLE}', location.href).href)[0];
    const rendered = element.shadowRoot !== null && element.shadowRoot.querySelector('[part="button"]') !== null;
    Object.assign(window.__mynaBench, { t1, responseEnd: entry ? entry.responseEnd : 0, rendered });
  });
});
`;

/** The element comes first (not yet defined), so defining it upgrades and renders it. */
const PAGE = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>first render</title></head>
<body>
<form><label>給与収入額 <input name="income" data-myna-field="localTax.salaryRevenue"></label>
<myna-fetch-button relay="http://127.0.0.1:9" items="localTax.salaryRevenue"></myna-fetch-button></form>
<script src="/mark.js"></script>
<script src="/${BUNDLE}"></script>
</body></html>
`;

interface Timing {
  t0: number;
  defined?: number;
  t1?: number;
  responseEnd?: number;
  rendered?: boolean;
}

async function servePage(bundle: Buffer): Promise<{ origin: string; close(): Promise<void> }> {
  const files: Record<string, [string, string | Buffer]> = {
    '/': ['text/html; charset=utf-8', PAGE],
    '/mark.js': ['text/javascript; charset=utf-8', MARK_JS],
    [`/${BUNDLE}`]: ['text/javascript; charset=utf-8', bundle],
  };
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://x').pathname];
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file[0], 'Cache-Control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Time from the script's evaluation to the element's first render in Chromium, fresh context per run. */
export async function widgetSuite(): Promise<BenchRow[]> {
  await buildWidget();
  const bundle = await readFile(`dist/${BUNDLE}`);
  const site = await servePage(bundle);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
  try {
    const samples: number[] = [];
    const renders: number[] = [];
    for (let run = 0; run < WARMUP_RUNS + RUNS; run += 1) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${site.origin}/`, { timeout: RUN_TIMEOUT_MS });
        const handle = await page.waitForFunction(
          () => {
            const timing = (window as unknown as { __mynaBench?: Timing }).__mynaBench;
            return timing?.t1 === undefined ? false : timing;
          },
          undefined,
          { timeout: RUN_TIMEOUT_MS },
        );
        const timing = (await handle.jsonValue()) as Timing;
        if (timing.rendered !== true) throw new Error('widget bench: the element rendered no [part="button"] in its shadow root');
        if (run < WARMUP_RUNS) continue;
        samples.push(timing.t1! - Math.max(timing.t0, timing.responseEnd ?? 0));
        renders.push(timing.t1! - timing.defined!);
      } finally {
        await context.close();
      }
    }
    const note = `Chromium ${browser.version()}, ${RUNS} runs, fresh context each; script start → first updateComplete`;
    return [
      { suite: 'widget', name: 'first render median', value: median(samples), unit: 'ms', note },
      { suite: 'widget', name: 'first render p90', value: percentile(samples, 90), unit: 'ms' },
      { suite: 'widget', name: 'of which define → first render, median', value: median(renders), unit: 'ms', note: 'the rest is parsing and running the bundle' },
    ];
  } finally {
    await browser.close();
    await site.close();
  }
}
