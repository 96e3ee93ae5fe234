/**
 * The logging this library needs: a structured object, then a message (pino's argument order, so a
 * pino logger fits as is). Messaging does not depend on libs/platform.
 */
export interface MessagingLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const noop = (): void => undefined;

/** Discards everything; the default when no logger is given. */
export const silentLogger: MessagingLogger = { info: noop, warn: noop, error: noop };

/** A compact form of an error for log objects (pino would serialise `err` the same way). */
export function errorFields(error: unknown): { err: { name: string; message: string } } {
  return error instanceof Error
    ? { err: { name: error.name, message: error.message } }
    : { err: { name: 'NonError', message: String(error) } };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
