/**
 * Writes src/protocol/answer-checks.ts: the widget's runtime checks of every relay answer it reads,
 * built from the protocol's zod/mini schemas, so the shapes are written once and zod stays out of
 * the script-tag build. `tsx scripts/generate-answer-checks.ts` rewrites the file;
 * test/node/protocol/answer-checks.test.ts fails when it is stale.
 *
 * Only the shape is checked (types, required keys, enum values, union tags); lengths and patterns
 * are the relay's business at its edge. Unknown keys are dropped, as zod's plain objects do —
 * also where the schema is a strictObject (the query inside a result): an answer from a newer relay
 * keeps working, and nothing unexpected travels further.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as protocol from '../src/protocol/index.js';

/** The answers the widget reads, by the name of their check and the protocol schema and module. */
const ANSWERS = {
  disclosureCheck: ['disclosureAnswer', 'disclosure'],
  availabilityCheck: ['availabilityAnswer', 'availability'],
  weekCheck: ['weekAnswer', 'availability'],
  flowStartedCheck: ['flowStarted', 'flows'],
  flowResultCheck: ['flowResult', 'flows'],
  fallbackRegisteredCheck: ['fallbackRegistered', 'fallback'],
  problemCheck: ['problem', 'problems'],
} as const;

interface Def {
  type: string;
  shape?: Record<string, { _zod: { def: Def } }>;
  element?: { _zod: { def: Def } };
  innerType?: { _zod: { def: Def } };
  options?: { _zod: { def: Def } }[];
  discriminator?: string;
  values?: unknown[];
  entries?: Record<string, string>;
}
interface Schema {
  _zod: { def: Def };
}

/** Named sub-schemas (exported by the protocol) become shared consts when used more than once. */
const names = new Map<Schema, string>();
for (const [name, value] of Object.entries(protocol)) {
  if (typeof value === 'object' && value !== null && '_zod' in value) names.set(value as Schema, name);
}

const used = new Set<string>();
const combinators = new Set<string>();
const use = (name: string) => (combinators.add(name), name);

function count(schema: Schema, seen: Map<Schema, number>): void {
  seen.set(schema, (seen.get(schema) ?? 0) + 1);
  if ((seen.get(schema) ?? 0) > 1) return;
  for (const child of children(schema._zod.def)) count(child, seen);
}

function children(def: Def): Schema[] {
  return [...Object.values(def.shape ?? {}), def.element, def.innerType, ...(def.options ?? [])].filter((child): child is Schema => child !== undefined);
}

/** A string in the codebase's style: single quotes. */
const quote = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name));

function literals(def: Def): string[] {
  const values = def.type === 'enum' ? Object.values(def.entries!) : def.values!;
  if (!values.every((value) => typeof value === 'string')) throw new Error(`Only string literals can be checked, got ${JSON.stringify(values)}`);
  return values as string[];
}

const shared = new Map<Schema, string>();
const sharedOrder: [string, string][] = [];

function expression(schema: Schema, root = false): string {
  const name = shared.get(schema);
  if (name !== undefined && !root) {
    if (!used.has(name)) {
      used.add(name);
      sharedOrder.push([name, build(schema)]);
    }
    return name;
  }
  return build(schema);
}

/** An object's check, without the member `omit` (a union's tag, which `tagged` checks). */
function objectOf(def: Def, omit?: string): string {
  const members = Object.entries(def.shape!).filter(([name]) => name !== omit);
  return `${use('object')}({ ${members.map(([name, value]) => `${key(name)}: ${expression(value)}`).join(', ')} })`;
}

function build(schema: Schema): string {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return use(def.type);
    case 'literal':
    case 'enum':
      return `${use('oneOf')}(${literals(def).map(quote).join(', ')})`;
    case 'optional':
      return `${use('optional')}(${expression(def.innerType!)})`;
    case 'nullable':
      return `${use('nullable')}(${expression(def.innerType!)})`;
    case 'array':
      return `${use('array')}(${expression(def.element!)})`;
    case 'object':
      return objectOf(def);
    case 'union': {
      if (def.discriminator !== undefined) {
        // `tagged` checks the tag and keeps it; each variant checks the rest of its shape.
        const tag = def.discriminator;
        const variants = def.options!.map((option) => {
          const values = literals(option._zod.def.shape![tag]!._zod.def);
          if (values.length !== 1) throw new Error(`A variant of "${tag}" must have one tag, got ${values.join(', ')}`);
          return `${key(values[0]!)}: ${objectOf(option._zod.def, tag)}`;
        });
        return `${use('tagged')}(${quote(tag)}, { ${variants.join(', ')} })`;
      }
      return def.options!.map((option) => expression(option)).reduce((first, second) => `${use('either')}(${first}, ${second})`);
    }
    default:
      throw new Error(`No check for a zod "${def.type}" schema`);
  }
}

export function generateAnswerChecks(): string {
  const seen = new Map<Schema, number>();
  for (const [schemaName] of Object.values(ANSWERS)) count(protocol[schemaName] as Schema, seen);
  for (const [schema, times] of seen) {
    const name = names.get(schema);
    const kind = schema._zod.def.type;
    if (times > 1 && name !== undefined && (kind === 'object' || kind === 'union' || kind === 'enum')) shared.set(schema, name);
  }
  const roots = Object.entries(ANSWERS).map(([check, [schemaName]]) => [check, schemaName, expression(protocol[schemaName] as Schema, true)] as const);
  const modules = new Map<string, string[]>();
  for (const [schemaName, module] of Object.values(ANSWERS)) modules.set(module, [...(modules.get(module) ?? []), schemaName]);
  return [
    '// Generated by scripts/generate-answer-checks.ts from the zod/mini schemas of src/protocol: do not edit.',
    '// The widget checks every relay answer with these before trusting it (zod stays out of its bundle).',
    "import type * as z from 'zod/mini';",
    ...[...modules].map(([module, schemas]) => `import type { ${schemas.sort().join(', ')} } from './${module}.js';`),
    `import { ${[...combinators].sort().join(', ')}, type Check } from './checks.js';`,
    '',
    ...sharedOrder.map(([name, code]) => `const ${name} = ${code};`),
    '',
    ...roots.map(([check, schemaName, code]) => `export const ${check}: Check<z.infer<typeof ${schemaName}>> = ${code};`),
    '',
  ].join('\n');
}

export const ANSWER_CHECKS_PATH = fileURLToPath(new URL('../src/protocol/answer-checks.ts', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(ANSWER_CHECKS_PATH, generateAnswerChecks());
