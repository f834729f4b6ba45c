// The first admin of a PostgreSQL deployment (embedded mode seeds demo accounts instead).
// Usage: npm run create-admin -- --username alice --email alice@example.com [--name "Alice"]
// The password is read from ADMIN_PASSWORD, or generated and printed once.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hashPassword, validateNewPassword } from '../api/src/auth/passwords.ts';
import { loadConfig } from '../api/src/config.ts';
import { openDatabase } from '../api/src/db/client.ts';
import { pendingMigrations } from '../api/src/db/migrate.ts';
import { validateEmail, validateUsername } from '../api/src/domain/users.ts';

const { values } = parseArgs({
  options: { username: { type: 'string', default: 'admin' }, email: { type: 'string' }, name: { type: 'string' } },
});

const config = loadConfig();
if (!config.databaseUrl) {
  console.error('create-admin is for PostgreSQL deployments: set DATABASE_URL (embedded mode seeds demo accounts).');
  process.exit(1);
}
const username = validateUsername(values.username ?? 'admin');
const email = validateEmail(values.email ?? `${username}@localhost.localdomain`);
const generated = !process.env.ADMIN_PASSWORD;
const password = process.env.ADMIN_PASSWORD ?? randomBytes(15).toString('base64url');
validateNewPassword(password);

const db = await openDatabase({ kind: 'postgres', url: config.databaseUrl });
try {
  const pending = await pendingMigrations(db.prisma);
  if (pending.length) throw new Error(`Migrations pending (${pending.join(', ')}): run npm run db:migrate first.`);
  const existing = await db.prisma.user.findUnique({ where: { username } });
  if (existing) throw new Error(`User "${username}" already exists.`);
  await db.prisma.user.create({
    data: {
      username,
      email,
      displayName: values.name ?? 'Administrator',
      role: 'ADMIN',
      passwordHash: await hashPassword(password),
      approvedAt: new Date(),
      mustChangePassword: generated,
    },
  });
  console.log(`Created admin "${username}".${generated ? ` One-time password: ${password} (change it at first sign-in).` : ''}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
