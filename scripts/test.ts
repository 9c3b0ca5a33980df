/**
 * `npm test`: every check the project has, in one run: types, lint, node tests, build, browser tests.
 * Runs every step even after a failure so one run shows everything that is red.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { assertChromium } from './chromium.mjs';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

interface Step {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

function findTests(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => join(dir, file))
    .sort();
}

const bin = (name: string) => join('node_modules', '.bin', name);

try {
  assertChromium();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// One throwaway PostgreSQL for all node tests (each creates its own databases on it), unless one is given.
let postgres: PostgresCluster | undefined;
try {
  if (!process.env['MYNA_TEST_POSTGRES_URL']) postgres = await startPostgresCluster();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const postgresEnv: Record<string, string> = postgres === undefined ? {} : { MYNA_TEST_POSTGRES_URL: postgres.url };

const steps: Step[] = [
  { name: 'types', command: bin('tsc'), args: ['--noEmit'] },
  // Each side alone: the widget without Node's types, the server without the DOM's.
  { name: 'types (widget side)', command: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.widget.json'] },
  { name: 'types (server side)', command: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.server.json'] },
  { name: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  { name: 'lit-analyzer', command: bin('lit-analyzer'), args: ['--strict', '--maxWarnings', '0', 'src'] },
  {
    name: 'node tests',
    command: process.execPath,
    args: ['--import', 'tsx', '--test', '--test-reporter', 'spec', ...findTests('test/node')],
    env: postgresEnv,
  },
  { name: 'build', command: 'npm', args: ['run', '--silent', 'build'] },
  { name: 'browser tests', command: bin('web-test-runner'), args: [] },
  { name: 'storybook build', command: 'npm', args: ['run', '--silent', 'build-storybook'] },
  { name: 'stories (play, axe, console, ja + en)', command: process.execPath, args: ['--import', 'tsx', 'stories/check-stories.ts'] },
  // Whole flows in Chromium against real servers and the built IIFE, so they come after the build.
  { name: 'end-to-end tests', command: process.execPath, args: ['--import', 'tsx', '--test', '--test-reporter', 'spec', ...findTests('test/e2e')] },
];

const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const started = performance.now();
  const { status, error } = spawnSync(step.command, step.args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  if (error) console.error(error.message);
  results.push({ name: step.name, ok: status === 0, seconds: (performance.now() - started) / 1000 });
}

await postgres?.stop();

console.log('\n=== summary ===');
for (const { name, ok, seconds } of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds.toFixed(1)} s)`);
if (results.some((result) => !result.ok)) process.exit(1);
