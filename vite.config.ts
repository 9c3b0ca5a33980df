import { defineConfig } from 'vite';

const IIFE = 'myna-fetch-button.iife.js';

/** The widget: one self-contained IIFE for a `<script>` tag, and an ES module for npm users. */
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    sourcemap: true,
    lib: {
      entry: 'src/index.ts',
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
