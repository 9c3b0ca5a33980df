import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'vite';
import { messageTable } from '../../src/widget/i18n/messages.js';
import { buildWidget } from '../lib/build.js';
import { bundleModules } from '../lib/bundle-modules.js';
import type { BenchRow } from '../table.js';

const KB = 1024;

/** `gzip -9 -c file | wc -c`, as the budget is stated; null without a gzip binary. */
function gnuGzipBytes(path: string): number | null {
  const run = spawnSync('gzip', ['-9', '-c', path], { maxBuffer: 16 * 1024 * 1024 });
  return run.status === 0 ? run.stdout.length : null;
}

function gzipKb(bytes: Buffer): number {
  return gzipSync(bytes, { level: 9 }).length / KB;
}

async function buildIife(entry: string, outDir: string): Promise<Buffer> {
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      target: 'es2022',
      lib: { entry, name: 'Bench', formats: ['iife'], fileName: () => 'bundle.js' },
    },
  });
  return readFileSync(join(outDir, 'bundle.js'));
}

/** Size of every build output (minified, gzip, brotli) and the widget's ratio to Lit alone. */
export async function sizeSuite(): Promise<BenchRow[]> {
  await buildWidget();
  const rows: BenchRow[] = [];
  for (const file of readdirSync('dist').filter((name) => name.endsWith('.js'))) {
    const bytes = readFileSync(join('dist', file));
    rows.push({ suite: 'size', name: `${file} minified`, value: bytes.length / KB, unit: 'KB' });
    rows.push({ suite: 'size', name: `${file} gzip`, value: gzipKb(bytes), unit: 'KB', ...(file.endsWith('.iife.js') ? { budget: 20, note: 'hard budget 20 KB (20,480 bytes); goal 16 KB; zlib level 9, a little stricter than GNU gzip -9' } : {}) });
    if (file.endsWith('.iife.js')) rows.push({ suite: 'size', name: `${file} gzip -9 (GNU gzip)`, value: gnuGzipBytes(join('dist', file)), unit: 'bytes', note: 'the issue’s measure; null where gzip is not installed' });
    rows.push({ suite: 'size', name: `${file} brotli`, value: brotliCompressSync(bytes).length / KB, unit: 'KB' });
  }
  const scratch = mkdtempSync(join(tmpdir(), 'myna-bench-'));
  try {
    const litOnly = gzipKb(await buildIife('bench/fixtures/lit-only.ts', scratch));
    const widget = gzipKb(readFileSync('dist/myna-fetch-button.iife.js'));
    const libraries = gzipKb(await buildIife('bench/fixtures/lit-stack.ts', scratch));
    const strings = gzipKb(Buffer.from(JSON.stringify(messageTable)));
    rows.push({ suite: 'size', name: 'Lit alone (IIFE) gzip', value: litOnly, unit: 'KB' });
    rows.push({ suite: 'size', name: 'widget IIFE / Lit alone', value: widget / litOnly, unit: 'ratio' });
    rows.push({ suite: 'size', name: 'of which libraries (IIFE) gzip', value: libraries, unit: 'KB', note: 'Lit, its decorators and @lit/context as the widget uses them' });
    rows.push({ suite: 'size', name: 'of which strings (ja + en) gzip', value: strings, unit: 'KB', note: 'the message table alone, compressed on its own' });
    rows.push({ suite: 'size', name: 'of which the widget’s own code gzip', value: widget - libraries - strings, unit: 'KB', note: 'the rest, approximately (gzip does not add up exactly)' });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  // What pays for the bytes: the script-tag build by source file (from its source map), largest first.
  const modules = bundleModules('dist/myna-fetch-button.iife.js');
  const listed = modules.filter((share) => share.minifiedBytes >= 700);
  const rest = modules.filter((share) => share.minifiedBytes < 700);
  for (const share of listed) {
    rows.push({ suite: 'size', name: `IIFE module ${share.module}`, value: share.minifiedBytes / KB, unit: 'KB min', note: `${(share.gzipBytes / KB).toFixed(2)} KB gzip alone` });
  }
  const restBytes = rest.reduce((sum, share) => sum + share.minifiedBytes, 0);
  rows.push({ suite: 'size', name: `IIFE modules under 0.7 KB (${rest.length})`, value: restBytes / KB, unit: 'KB min' });
  return rows;
}
