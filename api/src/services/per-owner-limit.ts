// "At most N per person" without a race: two creations at once by the same person must not both see N-1. The
// count and the insert run in one transaction holding a lock on (what is counted, whose), so the second waits
// for the first to commit and then counts it.
import type { Prisma, PrismaClient } from '../db/generated/prisma/client.ts';
import { BadInputError } from '../domain/errors.ts';

/** Advisory lock namespaces (the first key of pg_advisory_xact_lock(int, int)); the second is the owner's hash. */
export const OWNER_LOCKS = { webhooks: 365_0101, savedViews: 365_0102 } as const;

export async function createWithinLimit<T>(
  prisma: PrismaClient,
  limit: { lock: number; ownerId: string; max: number; refusal: string; field: string },
  count: (tx: Prisma.TransactionClient) => Promise<number>,
  create: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${limit.lock}::int, hashtext(${limit.ownerId}))`;
    if ((await count(tx)) >= limit.max) throw new BadInputError(limit.refusal, limit.field);
    return create(tx);
  });
}
