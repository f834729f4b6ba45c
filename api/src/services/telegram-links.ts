// Linking a user to their Telegram account: a one-time, short-lived code the user sends to the bot as
// `/start <code>` (the deep link does it for them). Only the code's hash is stored; a used or expired code
// links nothing.
import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/generated/prisma/client.ts';
import { BadInputError } from '../domain/errors.ts';
import type { Viewer } from '../domain/viewer.ts';

export const LINK_CODE_TTL_MS = 10 * 60_000;

const hashOf = (code: string) => createHash('sha256').update(code).digest('hex');

/** Telegram's username rule, as domain/users.ts keeps it; anything else is not stored. */
const TELEGRAM_USERNAME = /^[A-Za-z0-9_]{5,32}$/;

export type TelegramLinkDeps = { prisma: PrismaClient; botUsername: () => string | undefined; ttlMs?: number };

export function createTelegramLinkService({ prisma, botUsername, ttlMs = LINK_CODE_TTL_MS }: TelegramLinkDeps) {
  return {
    /** A fresh code for the viewer (their earlier unused codes stop working). */
    async createCode(viewer: Viewer, now = new Date()): Promise<{ code: string; deepLink: string; expiresAt: Date }> {
      const bot = botUsername();
      if (!bot) throw new BadInputError('Telegram is not configured on this server (TELEGRAM_BOT_USERNAME).');
      const code = randomBytes(12).toString('base64url');
      const expiresAt = new Date(now.getTime() + ttlMs);
      await prisma.$transaction([
        prisma.telegramLinkCode.deleteMany({ where: { userId: viewer.id, usedAt: null } }),
        prisma.telegramLinkCode.create({ data: { codeHash: hashOf(code), userId: viewer.id, expiresAt } }),
      ]);
      return { code, deepLink: `https://t.me/${bot}?start=${code}`, expiresAt };
    },

    /** Spends a code for the Telegram account that sent it; null when the code is unknown, used or expired. */
    async redeem(code: string, telegram: { id: number; username?: string }, now = new Date()): Promise<{ displayName: string } | null> {
      return prisma.$transaction(async (tx) => {
        const codeHash = hashOf(code.trim());
        const spent = await tx.telegramLinkCode.updateMany({ where: { codeHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
        if (spent.count !== 1) return null;
        const { userId } = await tx.telegramLinkCode.findUniqueOrThrow({ where: { codeHash }, select: { userId: true } });
        const telegramChatId = String(telegram.id);
        // One Telegram account speaks for one user: a previous link of it ends.
        await tx.user.updateMany({ where: { telegramChatId, id: { not: userId } }, data: { telegramChatId: null } });
        const username = telegram.username && TELEGRAM_USERNAME.test(telegram.username) ? { telegramUsername: telegram.username } : {};
        return tx.user.update({ where: { id: userId }, data: { telegramChatId, ...username }, select: { displayName: true } });
      });
    },

    unlink(viewer: Viewer) {
      return prisma.user.update({ where: { id: viewer.id }, data: { telegramChatId: null } });
    },
  };
}

export type TelegramLinkService = ReturnType<typeof createTelegramLinkService>;
