import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
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

/** CSS without comments and the whitespace no rule needs: `a { b: c; }` → `a{b:c}`. */
export function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .replace(/\[([\w-]+)='([\w-]+)'\]/g, '[$1=$2]')
    .replace(/([^\w.])0\./g, '$1.')
    .trim();
}

/**
 * The widget's markup and styles as the browser reads them: in `html` templates a run of whitespace
 * with a line break becomes one space (the same text to HTML, outside `<pre>` and `<textarea>`, which
 * the widget has none of), and the `unsafeCSS` sheets are minified. Expressions are untouched.
 */
export function templateWhitespace(): Plugin {
  return {
    name: 'myna-template-whitespace',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/widget\/.*\.ts$/.test(id) || !/html`|unsafeCSS\(`/.test(code)) return null;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const edits: [start: number, end: number, text: string][] = [];
      /** The text between a template part's delimiters (`` ` `` or `}` before, `${` or `` ` `` after). */
      const rewrite = (part: ts.Node, tail: number, change: (text: string) => string) => {
        const start = part.getStart(source) + 1;
        const end = part.end - tail;
        edits.push([start, end, change(code.slice(start, end))]);
      };
      const visit = (node: ts.Node): void => {
        const css = ts.isCallExpression(node) && node.expression.getText(source) === 'unsafeCSS' ? node.arguments[0] : undefined;
        if (css && ts.isNoSubstitutionTemplateLiteral(css)) rewrite(css, 1, minifyCss);
        if (ts.isTaggedTemplateExpression(node) && node.tag.getText(source) === 'html') {
          const collapse = (text: string) => text.replace(/\s*\n\s*/g, ' ');
          const { template } = node;
          if (ts.isNoSubstitutionTemplateLiteral(template)) rewrite(template, 1, collapse);
          else {
            rewrite(template.head, 2, collapse);
            for (const span of template.templateSpans) rewrite(span.literal, ts.isTemplateTail(span.literal) ? 1 : 2, collapse);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      if (edits.length === 0) return null;
      let result = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) result = result.slice(0, start) + text + result.slice(end);
      // Only template text changes: the map is kept (columns within a collapsed template are off).
      return { code: result, map: null };
    },
  };
}

/**
 * Property names that only the widget's own modules use (view callbacks, the flow's host and state,
 * the fallback form), shortened in the bundles like local names: none is on the wire, in storage, in
 * an event's detail, a public member, a message key or a name the DOM or Lit also use. A name added
 * here must be all of that; the browser and e2e tests run the source and the IIFE respectively.
 */
export const INTERNAL_PROPERTIES =
  /^(onEnterManually|onLater|onEmail|onContinue|onCancel|onSubmit|onFill|onDiscard|openWindow|planFill|applyFill|consented|changed|consentedAt|elapsedSeconds|retrieved|writes|plan|notice|handleMessage|reconnect|resume|dismiss|later|isSource|navigate|setErrors|setSubmitting|refuse|validate|submitting|idempotencyKey|phase|fetching|client|redirect|messages|errors|setValue|stop|register|fail)$/;

/** The widget: one self-contained IIFE for a `<script>` tag, and an ES module for npm users. */
export default defineConfig({
  plugins: [templateWhitespace(), subresourceIntegrity()],
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
        minify: { mangleProps: { include: INTERNAL_PROPERTIES } },
        // The global's exports need no `Symbol.toStringTag` of 'Module'.
        generatedCode: { symbols: false },
        // A second copy of the script must not even run: Lit would ask Trusted Types for its
        // `lit-html` policy again, which a page enforcing Trusted Types refuses.
        banner: (chunk) => (chunk.fileName === IIFE ? "if(!customElements.get('myna-fetch-button')){" : ''),
        footer: (chunk) => (chunk.fileName === IIFE ? '}' : ''),
      },
    },
  },
});
