// The first admin of a PostgreSQL deployment (scripts/create-admin.ts; embedded mode seeds demo accounts instead),
// and, when the database has no department yet, the contract's departments: without them nobody can be placed in
// one and no request has a department to go to.
import { randomBytes } from 'node:crypto';
import { hashPassword, validateNewPassword } from '../auth/passwords.ts';
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import { BadInputError } from '../domain/errors.ts';
import { validateDisplayName, validateEmail, validateUsername } from '../domain/users.ts';
import { DEMO_DEPARTMENTS } from '../seed/demo-team.ts';
import { insertUser } from './users.ts';

/** The contract's departments (the demo team's): Creative does the work, the others request it. */
export const DEFAULT_DEPARTMENTS = DEMO_DEPARTMENTS;

export type FirstAdminInput = {
  username: string;
  email?: string | undefined;
  displayName?: string | undefined;
  /** Unset: a one-time password is generated, returned once, and must be changed at first sign-in. */
  password?: string | undefined;
  /** Create DEFAULT_DEPARTMENTS when the database has no department (default true). */
  defaultDepartments?: boolean;
  /** Put the admin in this department (by name); unset: in none (an admin's requests go to Creative). */
  department?: string | undefined;
};

export type FirstAdmin = {
  username: string;
  /** The generated one-time password; undefined when one was given. */
  oneTimePassword: string | undefined;
  /** Names of the departments created now (none when some existed). */
  departmentsCreated: string[];
};

/** Throws BadInputError (a message for the person at the terminal) for any input the app would refuse. */
export async function createFirstAdmin(prisma: PrismaClient, input: FirstAdminInput): Promise<FirstAdmin> {
  const username = validateUsername(input.username);
  const email = validateEmail(input.email ?? `${username}@localhost.localdomain`);
  const displayName = validateDisplayName(input.displayName ?? 'Administrator');
  const oneTimePassword = input.password === undefined ? randomBytes(15).toString('base64url') : undefined;
  const password = input.password ?? (oneTimePassword as string);
  validateNewPassword(password, 'ADMIN_PASSWORD');
  if (await prisma.user.findUnique({ where: { username }, select: { id: true } })) throw new BadInputError(`User "${username}" already exists.`, 'username');

  // Everything is checked before anything is written: a refused run leaves the database as it was.
  const existing = (await prisma.department.findMany({ select: { name: true }, orderBy: { name: 'asc' } })).map((row) => row.name);
  const createDefaults = input.defaultDepartments !== false && existing.length === 0;
  const names = createDefaults ? DEFAULT_DEPARTMENTS.map((department) => department.name) : existing;
  if (input.department !== undefined && !names.includes(input.department)) {
    throw new BadInputError(`No department named "${input.department}" (there are: ${names.join(', ') || 'none'}).`, 'department');
  }
  const passwordHash = await hashPassword(password);

  const departmentsCreated = createDefaults ? await createDefaultDepartments(prisma) : [];
  const department = input.department === undefined ? null : await prisma.department.findUnique({ where: { name: input.department }, select: { id: true } });
  await insertUser(prisma, {
    username,
    email,
    displayName,
    role: 'ADMIN',
    departmentId: department?.id ?? null,
    passwordHash,
    approvedAt: new Date(),
    mustChangePassword: oneTimePassword !== undefined,
  });
  return { username, oneTimePassword, departmentsCreated };
}

/** DEFAULT_DEPARTMENTS, only into a database that has no department at all; returns the names created. */
export async function createDefaultDepartments(prisma: PrismaClient): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    if ((await tx.department.count()) > 0) return [];
    const created = await tx.department.createManyAndReturn({ data: [...DEFAULT_DEPARTMENTS], select: { name: true } });
    return created.map((department) => department.name);
  });
}
