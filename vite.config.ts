import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const IIFE = 'myna-fetch-button.iife.js';

/**
 * Subresource Integrity for the `<script>` build: once the IIFE is on disk, writes its
 * `sha384-…` hash to `<outDir>/myna-fetch-button.iife.js.sri.txt` and a ready-to-paste
 * `<outDir>/snippet.html`. It hashes the written bytes, so banner, footer and minification are in.
 */
export function subresourceIntegrity(fileName = IIFE): Plugin {
  return {
    name: 'myna-sri',
    apply: 'build',
    writeBundle(options, bundle) {
      if (!(fileName in bundle) || !options.dir) return;
      const integrity = `sha384-${createHash('sha384').update(readFileSync(join(options.dir, fileName))).digest('base64')}`;
      writeFileSync(join(options.dir, `${fileName}.sri.txt`), integrity);
      writeFileSync(
        join(options.dir, 'snippet.html'),
        `<script src="${fileName}" integrity="${integrity}" crossorigin="anonymous"></script>\n`,
      );
    },
  };
}

/** The widget: one self-contained IIFE for a `<script>` tag, and an ES module for npm users. */
export default defineConfig({
  plugins: [subresourceIntegrity()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    lib: {
      entry: 'src/widget/index.ts',
      name: 'MynaFetchButton',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'iife' ? IIFE : 'myna-fetch-button.js'),
    },
    rolldownOptions: {
      output: {
        // A second copy of the script must not even run: Lit would ask Trusted Types for its
        // `lit-html` policy again, which a page enforcing Trusted Types refuses.
        banner: (chunk) => (chunk.fileName === IIFE ? "if(!customElements.get('myna-fetch-button')){" : ''),
        footer: (chunk) => (chunk.fileName === IIFE ? '}' : ''),
      },
    },
  },
});
