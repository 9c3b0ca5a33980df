import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const BUILD_CONFIG = 'tsconfig.build-server.json';

interface PackageJson {
  name: string;
  exports: Record<string, { types: string; default: string }>;
  scripts: Record<string, string>;
}

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

describe('build: the myna-fetch-button/server export', () => {
  // A copy of the package as npm would install it: package.json, the SDK's build, its dependencies.
  let packageDir: string;

  before(() => {
    packageDir = mkdtempSync(join(tmpdir(), 'myna-server-export-'));
    const outDir = join(packageDir, (JSON.parse(readFileSync(join(root, BUILD_CONFIG), 'utf8')) as { compilerOptions: { outDir: string } }).compilerOptions.outDir);
    const built = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(root, BUILD_CONFIG), '--outDir', outDir], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stdout + built.stderr);
    writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ name: packageJson.name, type: 'module', exports: packageJson.exports }));
    symlinkSync(join(root, 'node_modules'), join(packageDir, 'node_modules'), 'dir');
  });

  after(() => rmSync(packageDir, { recursive: true, force: true }));

  it('is built by npm run build', () => {
    assert.ok(packageJson.scripts['build']!.includes(`tsc -p ${BUILD_CONFIG}`), packageJson.scripts['build']);
  });

  it('points at the JavaScript and the declarations the build writes', () => {
    const entry = packageJson.exports['./server']!;
    assert.ok(existsSync(join(packageDir, entry.default)), entry.default);
    assert.ok(existsSync(join(packageDir, entry.types)), entry.types);
  });

  it("resolves import('myna-fetch-button/server') in plain Node, without tsx", () => {
    const script = "const sdk = await import('myna-fetch-button/server'); console.log(JSON.stringify(Object.keys(sdk).sort()));";
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: packageDir, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), ['MynaRelayError', 'MynaResultVerificationError', 'MynaWebhookError', 'RESULT_JWT_TYPE', 'WEBHOOK_SIGNATURE_HEADER', 'createMynaRelayClient', 'verifyResult', 'verifyWebhook']);
  });

  it('gives a TypeScript consumer (module nodenext) the declarations', () => {
    const consumer = [
      "import { createMynaRelayClient, type VerifiedResult } from 'myna-fetch-button/server';",
      "const client = createMynaRelayClient({ relayUrl: 'https://relay.example', apiKey: 'k', clientId: 'c' });",
      "export const income = (result: VerifiedResult): number | undefined => { const value = result.value('localTax.salaryRevenue')?.value; return typeof value === 'number' ? value : undefined; };",
      'export const answer = client.getSession(\'ses_1\').then((session) => session.status);',
      '',
    ].join('\n');
    writeFileSync(join(packageDir, 'consumer.ts'), consumer);
    const options = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node'];
    const checked = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), [...options, 'consumer.ts'], { cwd: packageDir, encoding: 'utf8' });
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
  });
});
