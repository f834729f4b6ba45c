// `npm run create-admin` as an operator runs it: --help says how, refusals are one line and exit code 1 (no stack
// trace), and a run on a new database creates the departments and the admin. Always on the machine's PostgreSQL
// (DATABASE_URL's server, else the local one): create-admin is for PostgreSQL deployments.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, LOCAL_POSTGRES_URL, type ScratchDatabase } from '../api/src/db/scratch-database.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const JWT_SECRET = 'a-secret-of-at-least-thirty-two-characters';

let db: ScratchDatabase;

beforeAll(async () => {
  db = await createScratchDatabase({ engine: 'postgres', serverUrl: process.env.DATABASE_URL || LOCAL_POSTGRES_URL, prefix: 'juan365_create_admin' });
});

afterAll(async () => {
  await db?.drop();
});

function createAdmin(args: string[], env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, JWT_SECRET, ...env };
  if (!('ADMIN_PASSWORD' in env)) delete childEnv.ADMIN_PASSWORD;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/create-admin.ts', ...args], { cwd: ROOT, env: childEnv, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run create-admin', () => {
  it('--help lists the flags, the environment and an example', () => {
    const { code, stdout } = createAdmin(['--help']);
    expect(code).toBe(0);
    for (const text of ['--username', '--email', '--name', '--department', '--no-default-departments', 'DATABASE_URL', 'ADMIN_PASSWORD', 'example:']) {
      expect(stdout).toContain(text);
    }
  });

  it('refuses with one line and exit code 1: a short ADMIN_PASSWORD, an unknown flag, an unreachable database', () => {
    const refusals = [
      { run: createAdmin([], { ADMIN_PASSWORD: 'short' }), says: 'ADMIN_PASSWORD must be at least 8 characters.' },
      { run: createAdmin(['--usrname', 'alice']), says: "Unknown option '--usrname'" },
      {
        run: createAdmin([], { DATABASE_URL: 'postgresql://app@127.0.0.1:1/juan365' }),
        says: "Cannot use the database at DATABASE_URL: Can't reach database server",
      },
      { run: createAdmin([], { DATABASE_URL: 'db-host:5432/juan365' }), says: 'DATABASE_URL must be a postgres:// or postgresql:// URL' },
    ];
    for (const { run, says } of refusals) {
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain(says);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it('on a new database creates the departments and the admin, once', async () => {
    const first = createAdmin(['--username', 'alice', '--email', 'alice@example.com', '--name', 'Alice Admin'], { ADMIN_PASSWORD: 'a-long-enough-password' });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Created the departments Creative, Marketing, Sales (the database had none).');
    expect(first.stdout).toContain('Created admin "alice".');
    expect(await db.prisma.user.findUnique({ where: { username: 'alice' } })).toMatchObject({
      role: 'ADMIN',
      displayName: 'Alice Admin',
      mustChangePassword: false,
    });
    const again = createAdmin(['--username', 'alice'], { ADMIN_PASSWORD: 'a-long-enough-password' });
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe('User "alice" already exists.');
  });
});
