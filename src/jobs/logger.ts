/**
 * The structured logger the jobs layer writes to (pino's Logger fits): an object of
 * secret-free fields first, then the message.
 */
export interface Logger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** A logger that drops everything (tests, one-shot CLI runs). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Fields describing an error for a log line: code and message, never the whole object (it may hold a connection string). */
export function errorFields(err: unknown): { code?: string; error: string } {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  return { ...(typeof e?.code === 'string' ? { code: e.code } : {}), error: typeof e?.message === 'string' ? e.message : String(err) };
}
