// The first admin of a PostgreSQL deployment (embedded mode seeds demo accounts instead). `--help` says how; the
// work is services/first-admin.ts. Every refusal is one line on stderr and exit code 1, never a stack trace.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../api/src/config.ts';
import { openDatabase } from '../api/src/db/client.ts';
import { pendingMigrations } from '../api/src/db/migrate.ts';
import { databaseErrorReason } from '../api/src/db/wait-for-database.ts';
import { DomainError } from '../api/src/domain/errors.ts';
import { createFirstAdmin, DEFAULT_DEPARTMENTS } from '../api/src/services/first-admin.ts';

const USAGE = `Creates an admin account on the PostgreSQL at DATABASE_URL (run npm run db:migrate first).

usage: npm run create-admin -- [--username NAME] [--email ADDRESS] [--name "DISPLAY NAME"]
                               [--department NAME] [--no-default-departments]

  --username NAME            sign-in name (default: admin)
  --email ADDRESS            e-mail (default: <username>@localhost.localdomain)
  --name "DISPLAY NAME"      the name people see (default: Administrator)
  --department NAME          put the admin in this department (default: none; an admin's requests then go to
                             the Creative department)
  --no-default-departments   do not create ${DEFAULT_DEPARTMENTS.map((department) => department.name).join(', ')} in a database that has no department
  -h, --help                 this text

environment:
  DATABASE_URL     required: postgresql://user:password@host:5432/database
  ADMIN_PASSWORD   the admin's password (at least 8 characters); unset: a one-time password is generated and
                   printed once, and must be changed at first sign-in

example:
  DATABASE_URL=postgresql://juan365:secret@db:5432/juan365 npm run create-admin -- --username alice --email alice@example.com --name "Alice Admin"`;

/** A refusal the person at the terminal can act on: printed as one line. */
class UsageError extends Error {}

function readArguments() {
  try {
    return parseArgs({
      options: {
        username: { type: 'string', default: 'admin' },
        email: { type: 'string' },
        name: { type: 'string' },
        department: { type: 'string' },
        'no-default-departments': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    // parseArgs says "Unknown option '--x'" and the like.
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\nSee npm run create-admin -- --help`);
  }
}

async function main(): Promise<void> {
  const args = readArguments();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  if (!config.databaseUrl) throw new UsageError('create-admin is for PostgreSQL deployments: set DATABASE_URL (embedded mode seeds demo accounts).');
  const db = await openDatabase({ kind: 'postgres', url: config.databaseUrl, poolSize: 1 });
  try {
    const pending = await pendingMigrations(db.prisma).catch((error: unknown) => {
      throw new UsageError(`Cannot use the database at DATABASE_URL: ${databaseErrorReason(error)}`);
    });
    if (pending.length) throw new UsageError(`${pending.length} migration(s) pending (${pending.join(', ')}): run npm run db:migrate first.`);
    const admin = await createFirstAdmin(db.prisma, {
      username: args.username,
      email: args.email,
      displayName: args.name,
      password: process.env.ADMIN_PASSWORD || undefined,
      department: args.department,
      defaultDepartments: !args['no-default-departments'],
    });
    if (admin.departmentsCreated.length) console.log(`Created the departments ${admin.departmentsCreated.join(', ')} (the database had none).`);
    console.log(
      `Created admin "${admin.username}".${admin.oneTimePassword ? ` One-time password: ${admin.oneTimePassword} (change it at first sign-in).` : ''}`,
    );
  } finally {
    await db.close();
  }
}

try {
  await main();
} catch (error) {
  const explained = error instanceof UsageError || error instanceof ConfigError || error instanceof DomainError;
  console.error(explained ? error.message : error);
  process.exitCode = 1;
}
