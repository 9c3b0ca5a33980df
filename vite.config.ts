import { defineConfig } from 'vite';

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
      fileName: (format) => (format === 'iife' ? 'myna-fetch-button.iife.js' : 'myna-fetch-button.js'),
    },
  },
});
