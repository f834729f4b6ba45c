// Start-up on PostgreSQL: the server listens only once its database answers and has every migration. A database
// that starts beside the API (compose, a restarted host) gets a bounded wait, one log line per try; after it the
// start fails with what to fix, instead of a server that answers `Unexpected error.` to every call.
import { type MigrateOptions, pendingMigrations, type RawQueryable } from './migrate.ts';

export type WaitForDatabaseOptions = MigrateOptions & {
  /** How long to keep trying (DATABASE_WAIT_SECONDS); 0: one try. */
  waitMs: number;
  /** The DATABASE_URL, named (without its password) in the lines and the final message; unset for a database handed in. */
  url: string | undefined;
  /** One line per failed try that will be tried again. */
  log: (line: string) => void;
  /** Pause between tries; doubles up to 5 s. */
  retryMs?: number;
};

/** The database was not usable within the wait: the message names DATABASE_URL and what to do. */
export class DatabaseNotReadyError extends Error {}

type Problem = { reason: string; fix: string };

/** Resolves once the database answers with no migration pending; rejects with DatabaseNotReadyError after the wait. */
export async function waitForDatabase(db: RawQueryable, options: WaitForDatabaseOptions): Promise<void> {
  const deadline = Date.now() + options.waitMs;
  const target = options.url ? `the database at DATABASE_URL (${redactUrl(options.url)})` : 'the database';
  let pause = options.retryMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    const left = deadline - Date.now();
    // adapter-pg connects lazily and node-postgres has no connect timeout by default: a host that drops packets
    // would hold one try for minutes.
    const problem = await withinMs(check(db, options), Math.min(Math.max(left, 1000), 5000));
    if (!problem) return;
    const leftAfter = deadline - Date.now();
    if (leftAfter <= 0) {
      const waited = options.waitMs > 0 ? ` Gave up after ${seconds(options.waitMs)} s (DATABASE_WAIT_SECONDS).` : '';
      throw new DatabaseNotReadyError(`Cannot start: ${target} ${problem.reason}. ${problem.fix}${waited}`);
    }
    const delay = Math.min(pause, leftAfter);
    options.log(`waiting for ${target} (try ${attempt}): it ${problem.reason}; next try in ${seconds(delay)} s, ${seconds(leftAfter)} s left`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    pause = Math.min(pause * 2, 5000);
  }
}

async function check(db: RawQueryable, options: MigrateOptions): Promise<Problem | null> {
  try {
    const pending = await pendingMigrations(db, options);
    if (pending.length === 0) return null;
    return {
      reason: `lacks ${pending.length} migration(s) (${pending.join(', ')})`,
      fix: 'Run `npm run db:migrate` with the same DATABASE_URL.',
    };
  } catch (error) {
    return {
      reason: `cannot be used: ${databaseErrorReason(error)}`,
      fix: 'Check DATABASE_URL (host, port, database name, user, password) and that the server runs.',
    };
  }
}

function withinMs(checking: Promise<Problem | null>, ms: number): Promise<Problem | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Problem>((resolve) => {
    timer = setTimeout(
      () => resolve({ reason: `did not answer within ${seconds(ms)} s`, fix: 'Check the host and port in DATABASE_URL and that the server runs.' }),
      ms,
    );
  });
  return Promise.race([checking, timeout]).finally(() => clearTimeout(timer));
}

/** Prisma's message of a failed raw query carries the driver's in "Message: `…`" after several lines of framing. */
export function databaseErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /Message: `(.*)`/.exec(message)?.[1] ?? message.trim().split('\n').at(-1) ?? 'unknown error';
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** The URL as a log may show it: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
