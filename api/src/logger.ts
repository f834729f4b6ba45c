// One structured (JSON, pino) logger for the app and the GraphQL server. Its methods take Yoga's shape —
// (message, ...details) or (error) — so every caller logs the same way. A request's lines carry its id because
// they are written through withFields (the access line, http/request-id.ts; an operation's errors,
// graphql/operation-error-log.ts), not through an AsyncLocalStorage scope: on Node 20 one such scope turns on
// promise hooks for every promise in the process, and they cost the realtime fan-out a quarter of its CPU.
// Passwords and tokens are redacted wherever they appear in the details.
import { type DestinationStream, pino } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export type Logger = {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};

/** The same logger with these fields on every line (a request's id, say). */
export function withFields(logger: Logger, fields: Record<string, unknown>): Logger {
  return {
    debug: (...args) => logger.debug(...args, fields),
    info: (...args) => logger.info(...args, fields),
    warn: (...args) => logger.warn(...args, fields),
    error: (...args) => logger.error(...args, fields),
  };
}

/** Credentials that may ride along in logged details (variables, headers, inputs): never written. */
const SECRET_FIELDS = ['password', 'currentPassword', 'newPassword', 'accessToken', 'refreshToken', 'token', 'authorization', 'cookie'];
export const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]);

/** Yoga and the app log (message, ...details): strings form the message, an Error goes to `err`, objects merge. */
function toLine(args: unknown[]): [Record<string, unknown>, string | undefined] {
  const fields: Record<string, unknown> = {};
  const words: string[] = [];
  for (const arg of args) {
    if (typeof arg === 'string') words.push(arg);
    else if (arg instanceof Error) {
      if (fields.err === undefined) fields.err = arg;
      else words.push(arg.message);
    } else if (arg && typeof arg === 'object') Object.assign(fields, arg);
    else if (arg !== undefined) words.push(String(arg));
  }
  const err = fields.err;
  const message = words.length ? words.join(' ') : err instanceof Error ? err.message : undefined;
  return [fields, message];
}

/** Lines go to stdout unless a destination is given (tests capture them). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  const log = destination ? pino(options, destination) : pino(options);
  const method = (name: Exclude<LogLevel, 'silent'>) => {
    if (!log.isLevelEnabled(name)) return () => {};
    return (...args: unknown[]) => {
      const [fields, message] = toLine(args);
      log[name](fields, message);
    };
  };
  return { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') };
}
