// One structured (JSON, pino) logger for the app and the GraphQL server. Its methods take Yoga's shape —
// (message, ...details) or (error) — so every caller logs the same way. Each line written while an HTTP
// request is handled carries that request's id (an AsyncLocalStorage scope opened by http/request-id.ts),
// including Yoga's own error lines. Passwords and tokens are redacted wherever they appear in the details.
import { AsyncLocalStorage } from 'node:async_hooks';
import { type DestinationStream, pino } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export type Logger = {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `handle` (and everything it starts) with this request id on every log line. */
export function withRequestId<T>(requestId: string, handle: () => T): T {
  return requestScope.run({ requestId }, handle);
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
    mixin: () => requestScope.getStore() ?? {},
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
