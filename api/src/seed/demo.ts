// Demo data for embedded mode: the contract's departments and users, seeded once into an empty database.
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Role } from '../domain/viewer.ts';

export const DEMO_DEPARTMENTS = [
  { name: 'Creative', isCreative: true },
  { name: 'Marketing', isCreative: false },
  { name: 'Sales', isCreative: false },
] as const;

type DemoDepartment = (typeof DEMO_DEPARTMENTS)[number]['name'];

export const DEMO_USERS: { username: string; displayName: string; role: Role; department: DemoDepartment | null }[] = [
  { username: 'admin', displayName: 'Ada Admin', role: 'ADMIN', department: null },
  { username: 'creative.manager', displayName: 'Cora Creative', role: 'MANAGER', department: 'Creative' },
  { username: 'marketing.manager', displayName: 'Mark Marketing', role: 'MANAGER', department: 'Marketing' },
  { username: 'sales.manager', displayName: 'Sam Sales', role: 'MANAGER', department: 'Sales' },
  { username: 'designer', displayName: 'Dana Designer', role: 'MEMBER', department: 'Creative' },
  { username: 'designer2', displayName: 'Drew Designer', role: 'MEMBER', department: 'Creative' },
  { username: 'marketer', displayName: 'Mia Marketer', role: 'MEMBER', department: 'Marketing' },
  { username: 'seller', displayName: 'Sol Seller', role: 'MEMBER', department: 'Sales' },
];

export type SeedResult = { summary: string };

/** Seeds only an empty database (no users); returns null when there was something already. */
export async function seedDemoData(prisma: PrismaClient, options: { password: string }): Promise<SeedResult | null> {
  if ((await prisma.user.count()) > 0) return null;
  const passwordHash = await hashPassword(options.password);
  const departments = new Map<string, string>();
  for (const department of DEMO_DEPARTMENTS) {
    const row = await prisma.department.create({ data: department });
    departments.set(row.name, row.id);
  }
  const now = new Date();
  await prisma.user.createMany({
    data: DEMO_USERS.map((user) => ({
      username: user.username,
      displayName: user.displayName,
      email: `${user.username}@juan365.example`,
      role: user.role,
      departmentId: user.department ? departments.get(user.department) : null,
      passwordHash,
      approvedAt: now,
    })),
  });
  return { summary: `seeded demo data: ${DEMO_DEPARTMENTS.length} departments, ${DEMO_USERS.length} users` };
}
