// The only file that listens on a port.
import v8 from 'node:v8';
import { ConfigError, loadConfig } from './config.ts';
import { openPGlite } from './db/pglite.ts';
import { ListenError } from './http/server.ts';
import { createLogger, type Logger } from './logger.ts';
import { decideStartup, StartupError } from './startup.ts';

/**
 * V8 runs WebAssembly first as baseline (Liftoff) code and recompiles a function with its optimising compiler once
 * it has run about this many bytes of code (the default is 1,800,000). Opening embedded PGlite and Prisma's first
 * queries crossed that for many functions, and recompiling them (on V8's background threads, but on a busy
 * machine there is no idle core) was a third of a restart's CPU: ≈4.8 s to the first login, against ≈3.3 s with
 * a budget 100 times larger (`bench:startup`'s CPU column, 3 restarts each way on a loaded machine;
 * `--liftoff-only`, never optimising, ≈2.8 s). Functions that stay hot are still optimised, later: 4 × 200
 * GraphQL reads on the demo data right after a start cost no more CPU per request than with the default (2 runs
 * each). Set before PGlite and Prisma compile their modules (V8 reads it when it sets a function's budget), and
 * only for the embedded database: the PostgreSQL mode (Prisma's query compiler alone) was not measured.
 */
const EMBEDDED_WASM_TIERING_BUDGET = 180_000_000;

/**
 * The process's own lines (the banner, shutdown, why it could not start), JSON like every other line. Written at
 * any LOG_LEVEL but silent: they say that, and where, the server serves. Until the configuration is read, info.
 */
let lifecycle: Logger = createLogger('info');

async function main() {
  const config = loadConfig();
  lifecycle = createLogger(config.logLevel === 'silent' ? 'silent' : 'info');
  const policy = decideStartup(config);
  if (policy.database.kind === 'pglite') v8.setFlagsFromString(`--wasm-tiering-budget=${EMBEDDED_WASM_TIERING_BUDGET}`);
  // Start the embedded database first and load the app meanwhile: on a new data directory both take
  // seconds, and together they decide how soon a first `npm start` serves.
  const booting = policy.database.kind === 'pglite' ? openPGlite(policy.database.dataDir, { templateDir: policy.database.templateDir }) : undefined;
  booting?.catch(() => {});
  const [{ buildApp }, { openDatabase }, { DEMO_USERS }] = await Promise.all([import('./app.ts'), import('./db/client.ts'), import('./seed/demo.ts')]);
  const database = booting ? await openDatabase({ kind: 'pglite', pglite: await booting }) : undefined;
  const app = await buildApp(config, { ...(database ? { database, ownsDatabase: true } : {}) });
  const { url } = await app.start();
  // SIGTERM (orchestrators) and SIGINT (Ctrl-C): finish what was accepted, then exit 0. A second signal
  // during that stops at once.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      lifecycle.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    lifecycle.info(`${signal}: shutting down (finishing requests in flight)`);
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        lifecycle.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Announced only now: a supervisor that signals as soon as it reads this line must find the handlers in place
  // (without one, SIGTERM ends Node at once, requests in flight and all).
  lifecycle.info(`Juan365 Ticketing API on ${url} (${app.db.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'})`);
  if (policy.seedAccountsBeforeListening) {
    lifecycle.info(`Web app: ${url.replace(/\/graphql$/, '/')}${config.graphiql ? `   GraphiQL: ${url}` : ''}`);
    lifecycle.info(`Demo logins (password "${config.demoPassword}"): ${DEMO_USERS.map((user) => user.username).join(', ')}`);
  }
}

main().catch((error: unknown) => {
  // What the operator must fix (a setting, the database, a busy port) reads as one message; anything else is a
  // bug and keeps its stack.
  const explained = error instanceof ConfigError || error instanceof StartupError || error instanceof ListenError;
  // Said even under LOG_LEVEL=silent: an exit needs its reason.
  createLogger('error').error(explained ? (error as Error).message : error);
  process.exit(1);
});
