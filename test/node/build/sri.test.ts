import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const IIFE = 'myna-fetch-button.iife.js';

describe('build: Subresource Integrity of the script bundle', () => {
  let outDir: string;

  before(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'myna-sri-'));
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  });

  after(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes sha384 of the IIFE file’s bytes to myna-fetch-button.iife.js.sri.txt', () => {
    const bytes = readFileSync(join(outDir, IIFE));
    const expected = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
    const written = readFileSync(join(outDir, `${IIFE}.sri.txt`), 'utf8');
    assert.equal(written, expected);
    assert.match(written, /^sha384-[A-Za-z0-9+/]{64}$/);
  });

  it('hashes the file as served: banner and footer included', () => {
    const code = readFileSync(join(outDir, IIFE), 'utf8');
    // The banner (minified): a second copy of the script does not run.
    assert.match(code, /^if\(!customElements\.get\(.myna-fetch-button.\)\)/);
    assert.match(code, /\/\/# sourceMappingURL=myna-fetch-button\.iife\.js\.map\s*$/);
  });

  it('writes a ready-to-paste snippet.html with the same hash and crossorigin', () => {
    const integrity = readFileSync(join(outDir, `${IIFE}.sri.txt`), 'utf8');
    const snippet = readFileSync(join(outDir, 'snippet.html'), 'utf8');
    assert.equal(snippet.trim(), `<script src="${IIFE}" integrity="${integrity}" crossorigin="anonymous"></script>`);
  });

  it('hashes nothing for the ES module build', () => {
    assert.throws(() => readFileSync(join(outDir, 'myna-fetch-button.js.sri.txt')), /ENOENT/);
  });
});
