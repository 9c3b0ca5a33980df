/**
 * Structured JSON logs, one line per event. Callers pass only non-personal fields: route
 * patterns (never URLs with codes or state), ids the relay generated, status codes, timings.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined | readonly string[]>;

export type Logger = (level: LogLevel, message: string, fields?: LogFields) => void;

export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  return (level, message, fields = {}) => {
    write(JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields }));
  };
}

export const silentLogger: Logger = () => undefined;
