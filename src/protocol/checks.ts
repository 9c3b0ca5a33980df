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

export const string: Check<string> = (value, path) => (typeof value === 'string' ? value : fail(path, 'a string'));
export const number: Check<number> = (value, path) => (typeof value === 'number' && Number.isFinite(value) ? value : fail(path, 'a number'));
export const boolean: Check<boolean> = (value, path) => (typeof value === 'boolean' ? value : fail(path, 'a boolean'));

export const oneOf =
  <T extends string>(...options: T[]): Check<T> =>
  (value, path) =>
    options.includes(value as T) ? (value as T) : fail(path, options.join(' | '));

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value, path) =>
    value === null ? null : check(value, path);

export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (value, path) =>
    value === undefined ? undefined : check(value, path);

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
      const checked = check((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (checked !== undefined) result[key] = checked;
    }
    return result as ObjectOf<S>;
  };

/** One of several object shapes, chosen by the string in `key`. */
export const tagged =
  <K extends string, M extends Record<string, Check<unknown>>>(key: K, variants: M): Check<Checked<M[keyof M]>> =>
  (value, path) => {
    const tag = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    const variant = typeof tag === 'string' && Object.hasOwn(variants, tag) ? variants[tag] : undefined;
    return variant ? (variant(value, path) as Checked<M[keyof M]>) : fail(`${path ? `${path}.` : ''}${key}`, Object.keys(variants).join(' | '));
  };
