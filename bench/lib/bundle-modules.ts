import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';

export interface ModuleShare {
  /** A package (`lit-html`, `@lit/context`) or a source file (`src/widget/element/autofill.ts`). */
  module: string;
  minifiedBytes: number;
  /** gzip -9 of the module's code alone: compressed on its own, so the shares add up to more than the bundle. */
  gzipBytes: number;
}

/** `node_modules/lit-html/…` → `lit-html`; `…/src/widget/element/x.ts` → `src/widget/element/x.ts`. */
function moduleOf(source: string): string {
  const packagePath = source.split('node_modules/').at(-1)!;
  if (packagePath !== source) {
    const [scope, name] = packagePath.split('/');
    return scope!.startsWith('@') ? `${scope}/${name}` : scope!;
  }
  return source.slice(source.lastIndexOf('src/'));
}

/**
 * The bundle's bytes by module, read from its source map: each generated segment (up to the next
 * one) is charged to the source it maps to; unmapped bytes (the IIFE wrapper) are `(unmapped)`.
 */
export function bundleModules(bundlePath: string): ModuleShare[] {
  const code = readFileSync(bundlePath, 'utf8');
  const map = new TraceMap(readFileSync(`${bundlePath}.map`, 'utf8'));
  const lines = code.split('\n');
  const lineStarts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  const segments: { start: number; module: string }[] = [];
  eachMapping(map, (mapping) => {
    const start = lineStarts[mapping.generatedLine - 1]! + mapping.generatedColumn;
    segments.push({ start, module: mapping.source === null ? '(unmapped)' : moduleOf(mapping.source) });
  });
  segments.sort((a, b) => a.start - b.start);
  const chunks = new Map<string, string[]>();
  const add = (module: string, text: string) => (chunks.get(module) ?? chunks.set(module, []).get(module)!).push(text);
  if (segments.length === 0 || segments[0]!.start > 0) add('(unmapped)', code.slice(0, segments[0]?.start ?? code.length));
  segments.forEach((segment, index) => add(segment.module, code.slice(segment.start, segments[index + 1]?.start ?? code.length)));
  return [...chunks]
    .map(([module, texts]) => {
      const text = texts.join('');
      return { module, minifiedBytes: Buffer.byteLength(text), gzipBytes: gzipSync(text, { level: 9 }).length };
    })
    .sort((a, b) => b.minifiedBytes - a.minifiedBytes);
}
