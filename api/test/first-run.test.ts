// The first run of a PostgreSQL deployment: nothing is seeded, `npm run create-admin` makes the first admin
// (services/first-admin.ts) and the contract's departments when there are none, and that admin, who belongs to
// no department, can file a request at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError } from '../src/domain/errors.ts';
import { createDefaultDepartments, createFirstAdmin } from '../src/services/first-admin.ts';
import { errorCodes, startTestApp, type TestApp } from './support/app.ts';
import { createTicket, gid } from './support/tickets.ts';

const PASSWORD = 'first-admin-password';
const CREATE = `mutation ($input: CreateTicketInput!) { createTicket(input: $input) { ticket { number department { name } } } }`;
const REQUEST = { title: 'Launch poster', description: 'A poster for the launch', priority: 'MEDIUM' };

let t: TestApp;

beforeAll(async () => {
  // A fresh database: migrated, no department, no user.
  t = await startTestApp({ seed: false });
});

afterAll(async () => {
  await t?.close();
});

describe('a fresh database', () => {
  it('has no department and no user', async () => {
    expect(await t.db.prisma.department.count()).toBe(0);
    expect(await t.db.prisma.user.count()).toBe(0);
  });

  it('refuses a first admin it would refuse anywhere, and writes nothing', async () => {
    await expect(createFirstAdmin(t.db.prisma, { username: 'root', password: 'short' })).rejects.toThrow('ADMIN_PASSWORD must be at least 8 characters.');
    await expect(createFirstAdmin(t.db.prisma, { username: 'root', password: PASSWORD, department: 'Finance' })).rejects.toThrow(
      'No department named "Finance" (there are: Creative, Marketing, Sales).',
    );
    await expect(createFirstAdmin(t.db.prisma, { username: 'x', password: PASSWORD })).rejects.toBeInstanceOf(BadInputError);
    expect(await t.db.prisma.department.count()).toBe(0);
    expect(await t.db.prisma.user.count()).toBe(0);
  });
});

describe('an admin who belongs to no department', () => {
  let token: string;

  beforeAll(async () => {
    // Without the default departments first: the state an operator reaches with --no-default-departments.
    const admin = await createFirstAdmin(t.db.prisma, { username: 'root', password: PASSWORD, defaultDepartments: false });
    expect(admin).toEqual({ username: 'root', oneTimePassword: undefined, departmentsCreated: [] });
    token = (await t.login('root', PASSWORD)).accessToken;
  });

  it('is told what to do while no department exists', async () => {
    const result = await t.gql(CREATE, { input: REQUEST }, token);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toContain('there is no Creative department to file with. Create the departments first');
  });

  it('files with the Creative department once the defaults exist (the request form names no department)', async () => {
    expect(await createDefaultDepartments(t.db.prisma)).toEqual(['Creative', 'Marketing', 'Sales']);
    // Only into a database without departments: a second call adds nothing.
    expect(await createDefaultDepartments(t.db.prisma)).toEqual([]);
    const ticket = await createTicket(t, token, REQUEST);
    expect(ticket).toMatchObject({ status: 'REQUESTED', requester: { username: 'root' }, department: { name: 'Creative' } });
  });

  it('may still name the ticket’s department', async () => {
    const marketing = await t.db.prisma.department.findUniqueOrThrow({ where: { name: 'Marketing' } });
    const ticket = await createTicket(t, token, { ...REQUEST, departmentId: gid('Department', marketing.id) });
    expect(ticket.department).toEqual({ name: 'Marketing' });
  });

  it('is the only one who gets the Creative default: a member without a department must name one', async () => {
    const admin = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'root' } });
    await t.db.prisma.user.create({
      data: {
        username: 'loner',
        email: 'loner@example.com',
        displayName: 'Lone Member',
        role: 'MEMBER',
        passwordHash: admin.passwordHash,
        approvedAt: new Date(),
      },
    });
    const result = await t.gql(CREATE, { input: REQUEST }, (await t.login('loner', PASSWORD)).accessToken);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toBe('departmentId is required: you belong to no department.');
  });
});

describe('create-admin as run on a new deployment', () => {
  let fresh: TestApp;

  beforeAll(async () => {
    fresh = await startTestApp({ seed: false });
  });

  afterAll(async () => {
    await fresh?.close();
  });

  it('creates the contract departments and the admin in the one asked for, with a one-time password', async () => {
    const admin = await createFirstAdmin(fresh.db.prisma, { username: 'admin', department: 'Creative' });
    expect(admin.departmentsCreated).toEqual(['Creative', 'Marketing', 'Sales']);
    expect(admin.oneTimePassword).toMatch(/^[\w-]{20}$/);
    const stored = await fresh.db.prisma.user.findUniqueOrThrow({ where: { username: 'admin' }, include: { department: true } });
    expect(stored).toMatchObject({ role: 'ADMIN', mustChangePassword: true, department: { name: 'Creative', isCreative: true } });
    const departments = await fresh.db.prisma.department.findMany({ orderBy: { name: 'asc' }, select: { name: true, isCreative: true } });
    expect(departments).toEqual([
      { name: 'Creative', isCreative: true },
      { name: 'Marketing', isCreative: false },
      { name: 'Sales', isCreative: false },
    ]);
  });
});
