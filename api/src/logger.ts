// A leveled console logger shaped like Yoga's, so one logger serves the app and the server.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export type Logger = {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};

const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export function createLogger(level: LogLevel): Logger {
  const enabled = (wanted: LogLevel) => ORDER.indexOf(wanted) >= ORDER.indexOf(level);
  const noop = () => {};
  return {
    debug: enabled('debug') ? (...args) => console.debug('[debug]', ...args) : noop,
    info: enabled('info') ? (...args) => console.info('[info]', ...args) : noop,
    warn: enabled('warn') ? (...args) => console.warn('[warn]', ...args) : noop,
    error: enabled('error') ? (...args) => console.error('[error]', ...args) : noop,
  };
}
