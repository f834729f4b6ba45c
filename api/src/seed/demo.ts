// Demo data for embedded mode, seeded once into an empty database: the contract's departments and users
// (seed/demo-team.ts), a product catalogue, and a month of the team's requests (seed/demo-tickets.ts) played
// through the real services (seed/demo-driver.ts) and moved into the past (seed/backdate.ts). One
// transaction: all or nothing.

import { hashPassword } from '../auth/passwords.ts';
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import { DONE_STATUSES, TICKET_STATUSES } from '../domain/ticket-access.ts';
import { type Viewer, viewerOf } from '../domain/viewer.ts';
import { createProductService } from '../services/products.ts';
import { backdateSeed, createSeedClock } from './backdate.ts';
import { type DemoCast, playDemoTickets } from './demo-driver.ts';
import { DEMO_DEPARTMENTS, DEMO_USERS, type DemoDepartment, type DemoUsername } from './demo-team.ts';
import { DEMO_PRODUCTS, DEMO_TICKETS, type DemoProduct } from './demo-tickets.ts';
import { seedClient } from './seed-client.ts';

// main.ts prints the demo logins from here.
export { DEMO_USERS } from './demo-team.ts';

export type SeedResult = { summary: string };

const DAY = 86_400_000;

/**
 * Seeds an empty database: the accounts first (quick: sign-in works at once), then the month of tickets.
 * Returns null when there were users already.
 */
export async function seedDemoData(prisma: PrismaClient, options: { password: string }): Promise<SeedResult | null> {
  const accounts = await seedDemoAccounts(prisma, options);
  if (!accounts) return null;
  const tickets = await seedDemoTickets(prisma);
  return { summary: tickets ? `${accounts.summary}; ${tickets.summary}` : accounts.summary };
}

/** The contract's departments and people; null when there are users already. */
export async function seedDemoAccounts(prisma: PrismaClient, options: { password: string }): Promise<SeedResult | null> {
  if ((await prisma.user.count()) > 0) return null;
  const passwordHash = await hashPassword(options.password);
  return prisma.$transaction(async (tx) => {
    const departments = await tx.department.createManyAndReturn({ data: [...DEMO_DEPARTMENTS] });
    const departmentOf = (name: DemoDepartment | null) => departments.find((department) => department.name === name) ?? null;
    const users = await tx.user.createManyAndReturn({
      data: DEMO_USERS.map((user) => ({
        username: user.username,
        displayName: user.displayName,
        email: `${user.username}@juan365.example`,
        role: user.role,
        departmentId: departmentOf(user.department)?.id ?? null,
        passwordHash,
        approvedAt: new Date(),
      })),
    });
    return { summary: `seeded demo data: ${departments.length} departments, ${users.length} users` };
  });
}

/**
 * The product catalogue and a month of the team's requests, played through the real services in one
 * transaction (all or nothing). Runs only while the database has no tickets and no products, so a start
 * that died half-way seeds them on the next one. Needs the demo accounts.
 */
export async function seedDemoTickets(prisma: PrismaClient): Promise<SeedResult | null> {
  if ((await prisma.ticket.count()) > 0 || (await prisma.product.count()) > 0) return null;
  const now = new Date();
  const oldestDay = Math.max(...DEMO_TICKETS.map((row) => row.day));
  const users = await prisma.user.findMany({
    where: { username: { in: DEMO_USERS.map((user) => user.username) } },
    include: { department: true },
  });
  if (users.length !== DEMO_USERS.length) return null;

  return prisma.$transaction(
    async (tx) => {
      const clock = createSeedClock();
      // The catalogue was set up a few days before the first request.
      await clock.enter(new Date(now.getTime() - (oldestDay + 5) * DAY));
      // `users` holds exactly the demo people (checked above), so every username gets its viewer.
      const viewers = Object.fromEntries(users.map((user) => [user.username, viewerOf(user)])) as Record<DemoUsername, Viewer>;
      const departmentManagers = Object.fromEntries(
        DEMO_USERS.map((person) => {
          const manager = DEMO_USERS.find((other) => other.role === 'MANAGER' && person.department && other.department === person.department);
          return [person.username, manager?.username ?? null];
        }),
      ) as Record<DemoUsername, DemoUsername | null>;

      const client = seedClient(tx);
      const catalogue = createProductService(client);
      const productIds = {} as Record<DemoProduct, string>;
      for (const product of DEMO_PRODUCTS) {
        productIds[product.name] = (await catalogue.create(viewers.admin, product)).id;
      }

      const cast: DemoCast = { viewers, departmentManagers, productIds };
      const played = await playDemoTickets(client, DEMO_TICKETS, cast, clock, now);
      await backdateSeed(tx, clock, played.plannedShifts, now);

      const overdue = await tx.ticket.count({ where: { dueDate: { lt: now }, status: { notIn: [...DONE_STATUSES] } } });
      const comments = await tx.comment.count();
      const byStatus = TICKET_STATUSES.map((status) => `${played.tickets.filter((ticket) => ticket.status === status).length} ${status}`);
      return {
        summary:
          `seeded demo tickets: ${DEMO_PRODUCTS.length} products, ` +
          `${played.tickets.length} tickets over ${Math.ceil(oldestDay / 7)} weeks (${byStatus.join(', ')}; ${overdue} overdue), ${comments} comments`,
      };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
