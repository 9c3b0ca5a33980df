import { z } from 'zod';

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, detail: string) {
    super(`Invalid ${variable}: ${detail}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** Whether a variable was given (not empty), for defaults that depend on it. */
export type Given = (env: string) => boolean;

/** One setting: where it comes from, how it is read, what it is when unset, and its documentation. */
export interface SettingSpec<T, D, Earlier> {
  env: string;
  /** Reads the (trimmed, non-empty) text; its first issue's message becomes `Invalid <env>: <message>`. */
  type: z.ZodType<T, string>;
  /** The value when unset: a constant, or derived from the settings read before. */
  default: D | { derive: (earlier: Earlier, given: Given) => D };
  /** The default as the docs show it; default: the constant in backticks. */
  shown?: string;
  example: string;
  doc: string;
  /** The default is a development stand-in: the start-up log names the variable when it applies. */
  development?: true;
  /** A rule across settings; throws a ConfigError. */
  check?: (value: T | D, earlier: Earlier, given: Given) => void;
}

export interface SettingRow {
  key: string;
  env: string;
  shown: string;
  example: string;
  doc: string;
}

interface Row extends SettingRow {
  spec: SettingSpec<unknown, unknown, Record<string, unknown>>;
}

/**
 * The settings in the order they are read: each `add` names a setting once, and the table yields
 * both the typed values (`read`) and the documentation rows (`rows`).
 */
export class SettingsTable<S extends object> {
  private constructor(private readonly all: readonly Row[]) {}

  static empty(): SettingsTable<object> {
    return new SettingsTable([]);
  }

  add<K extends string, T, D>(key: K, spec: SettingSpec<T, D, S>): SettingsTable<S & Record<K, T | D>> {
    const shown = spec.shown ?? showConstant(spec.env, spec.default);
    const row = { key, env: spec.env, shown, example: spec.example, doc: spec.doc, spec } as unknown as Row;
    return new SettingsTable([...this.all, row]);
  }

  get rows(): readonly SettingRow[] {
    return this.all;
  }

  /** Reads every setting from `env`; throws a ConfigError naming the first bad variable. */
  read(env: Readonly<Record<string, string | undefined>>): { settings: S; developmentDefaults: string[] } {
    const text = (name: string): string | undefined => {
      const value = env[name]?.trim();
      return value === undefined || value === '' ? undefined : value;
    };
    const given: Given = (name) => text(name) !== undefined;
    const values: Record<string, unknown> = {};
    const developmentDefaults: string[] = [];
    for (const { key, spec } of this.all) {
      const raw = text(spec.env);
      let value: unknown;
      if (raw === undefined) {
        if (spec.development) developmentDefaults.push(spec.env);
        value = isDerived(spec.default) ? spec.default.derive(values, given) : spec.default;
      } else {
        const result = spec.type.safeParse(raw);
        if (!result.success) throw new ConfigError(spec.env, result.error.issues[0]?.message ?? 'invalid');
        value = result.data;
      }
      spec.check?.(value, values, given);
      values[key] = value;
    }
    return { settings: values as S, developmentDefaults };
  }
}

export type SettingsOf<Table> = Table extends SettingsTable<infer S> ? S : never;

function isDerived(value: unknown): value is { derive: (earlier: Record<string, unknown>, given: Given) => unknown } {
  return typeof value === 'object' && value !== null && 'derive' in value;
}

function showConstant(env: string, value: unknown): string {
  if (typeof value === 'number' || typeof value === 'string') return `\`${value}\``;
  if (Array.isArray(value)) return `\`${value.join(',')}\``;
  throw new Error(`${env}: a default that is not a number, a string or a list needs \`shown\``);
}

/** A zod type over the variable's text; `parse` returns the value, or `return refuse(detail)`. */
export function text<T>(parse: (raw: string, refuse: (detail: string) => never) => T): z.ZodType<T, string> {
  return z.string().transform((raw, ctx) =>
    parse(raw, (detail) => {
      ctx.addIssue({ code: 'custom', message: detail });
      return z.NEVER;
    }),
  );
}
