// What admins see and do about Telegram deliveries: list them by status, and send a parked (DEAD) one again.
import type { Prisma, PrismaClient } from '../db/generated/prisma/client.ts';
import { BadInputError, NotFoundError } from '../domain/errors.ts';
import type { OutboxStatus } from '../domain/vocabulary.ts';

export function createDeliveryService(prisma: PrismaClient) {
  return {
    where(statuses: readonly OutboxStatus[] | null | undefined): Prisma.NotificationOutboxWhereInput {
      return statuses?.length ? { status: { in: [...statuses] } } : {};
    },

    /** A DEAD delivery goes back to PENDING with a fresh count of attempts. */
    async retry(id: bigint) {
      const revived = await prisma.notificationOutbox.updateMany({
        where: { id, status: 'DEAD' },
        data: { status: 'PENDING', attempts: 0, nextAttemptAt: new Date(), lockedBy: null, lockedUntil: null },
      });
      if (revived.count !== 1) {
        const exists = await prisma.notificationOutbox.findUnique({ where: { id }, select: { status: true } });
        if (!exists) throw new NotFoundError('Notification delivery');
        throw new BadInputError(`Only DEAD deliveries can be retried; this one is ${exists.status}.`, 'id');
      }
      return prisma.notificationOutbox.findUniqueOrThrow({ where: { id } });
    },
  };
}
