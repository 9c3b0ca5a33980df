/**
 * Tiny runtime checks for JSON answers, the widget's stand-in for zod: the script-tag build must stay
 * within its budget, which zod/mini alone would take a third of. `answer-checks.ts` builds the
 * checks of every answer the widget reads from the protocol's zod/mini schemas.
 */
export type Check<T> = (value: unknown, path: string) => T;
export type Checked<C> = C extends Check<infer T> ? T : never;

export class ShapeError extends Error {
  override name = 'ShapeError';
}

function fail(path: string, expected: string): never {
  throw new ShapeError(`${path || 'answer'}: expected ${expected}`);
}

/** The path of a member: `key` at the top, `path.key` below it. */
const member = (path: string, key: string) => (path ? `${path}.${key}` : key);

export const string: Check<string> = (value, path) => (typeof value === 'string' ? value : fail(path, 'a string'));
/** A finite number: `Number.isFinite` is false for anything else, numbers in strings included. */
export const number: Check<number> = (value, path) => (Number.isFinite(value) ? (value as number) : fail(path, 'a number'));
export const boolean: Check<boolean> = (value, path) => (typeof value === 'boolean' ? value : fail(path, 'a boolean'));

export const oneOf =
  <T extends string>(...options: T[]): Check<T> =>
  (value, path) =>
    options.includes(value as T) ? (value as T) : fail(path, options.join(' | '));

/** A check that also lets `allowed` (null or undefined) through. */
const or =
  <A extends null | undefined>(allowed: A) =>
  <T>(check: Check<T>): Check<T | A> =>
  (value, path) =>
    value === allowed ? allowed : check(value, path);

export const nullable = or(null);
export const optional = or(undefined);

export const either =
  <A, B>(first: Check<A>, second: Check<B>): Check<A | B> =>
  (value, path) => {
    try {
      return first(value, path);
    } catch {
      return second(value, path);
    }
  };

export const array =
  <T>(check: Check<T>): Check<T[]> =>
  (value, path) =>
    Array.isArray(value) ? value.map((item, index) => check(item, `${path}[${index}]`)) : fail(path, 'an array');

type OptionalKeys<S> = { [K in keyof S]: undefined extends Checked<S[K]> ? K : never }[keyof S];
/** Keys whose check may give `undefined` become optional properties. */
export type ObjectOf<S> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Checked<S[K]> } & { [K in OptionalKeys<S>]?: Checked<S[K]> };

/** Keeps only the listed keys, so nothing unexpected travels further. */
export const object =
  <S extends Record<string, Check<unknown>>>(shape: S): Check<ObjectOf<S>> =>
  (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object');
    const result: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const checked = check((value as Record<string, unknown>)[key], member(path, key));
      if (checked !== undefined) result[key] = checked;
    }
    return result as ObjectOf<S>;
  };

/** The variant of each tag, with the tag itself in `key`. */
export type TaggedOf<K extends string, M> = { [T in keyof M & string]: Record<K, T> & Checked<M[T]> }[keyof M & string];

/**
 * One of several object shapes, chosen by the string in `key`: `variants` maps each tag to the
 * check of the rest of its shape, and the tag is kept in `key` of what it gives.
 */
export const tagged =
  <K extends string, M extends Record<string, Check<object>>>(key: K, variants: M): Check<TaggedOf<K, M>> =>
  (value, path) => {
    const tag = (value as Record<string, unknown> | null | undefined)?.[key];
    if (typeof tag !== 'string' || !Object.hasOwn(variants, tag)) fail(member(path, key), Object.keys(variants).join(' | '));
    return { [key]: tag, ...variants[tag]!(value, path) } as TaggedOf<K, M>;
  };
