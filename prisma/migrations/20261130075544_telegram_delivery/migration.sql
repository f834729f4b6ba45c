-- AlterEnum (FAILED rows, if any, become DEAD)
BEGIN;
CREATE TYPE "OutboxStatus_new" AS ENUM ('PENDING', 'SENT', 'DEAD');
ALTER TABLE "public"."NotificationOutbox" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "NotificationOutbox" ALTER COLUMN "status" TYPE "OutboxStatus_new" USING ((CASE WHEN "status"::text = 'FAILED' THEN 'DEAD' ELSE "status"::text END)::"OutboxStatus_new");
ALTER TYPE "OutboxStatus" RENAME TO "OutboxStatus_old";
ALTER TYPE "OutboxStatus_new" RENAME TO "OutboxStatus";
DROP TYPE "public"."OutboxStatus_old";
ALTER TABLE "NotificationOutbox" ALTER COLUMN "status" SET DEFAULT 'PENDING';
COMMIT;

-- DropIndex
DROP INDEX "NotificationOutbox_ticketId_idx";

-- AlterTable
ALTER TABLE "NotificationOutbox" ADD COLUMN     "chatId" TEXT,
ADD COLUMN     "lockedBy" TEXT,
ADD COLUMN     "lockedUntil" TIMESTAMP(3),
ADD COLUMN     "telegramMessageId" INTEGER;

-- CreateTable
CREATE TABLE "TelegramChatRate" (
    "chatId" TEXT NOT NULL,
    "recentSends" TIMESTAMP(3)[] DEFAULT ARRAY[]::TIMESTAMP(3)[],
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "TelegramChatRate_pkey" PRIMARY KEY ("chatId")
);

-- CreateTable
CREATE TABLE "TelegramChat" (
    "chatId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TelegramChat_pkey" PRIMARY KEY ("chatId")
);

-- CreateTable
CREATE TABLE "TelegramLinkCode" (
    "codeHash" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TelegramLinkCode_pkey" PRIMARY KEY ("codeHash")
);

-- CreateTable
CREATE TABLE "TelegramReplyPrompt" (
    "chatId" TEXT NOT NULL,
    "promptMessageId" INTEGER NOT NULL,
    "userId" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "ticketVersion" INTEGER NOT NULL,
    "requestMessageId" INTEGER,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TelegramReplyPrompt_pkey" PRIMARY KEY ("chatId","promptMessageId")
);

-- CreateTable
CREATE TABLE "DeadlineNotice" (
    "ticketId" UUID NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadlineNotice_pkey" PRIMARY KEY ("ticketId","dueDate","kind")
);

-- CreateIndex
CREATE INDEX "TelegramLinkCode_userId_idx" ON "TelegramLinkCode"("userId");

-- CreateIndex
CREATE INDEX "NotificationOutbox_ticketId_id_idx" ON "NotificationOutbox"("ticketId", "id");

-- CreateIndex
CREATE INDEX "NotificationOutbox_chatId_telegramMessageId_idx" ON "NotificationOutbox"("chatId", "telegramMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "User_telegramChatId_key" ON "User"("telegramChatId");

-- AddForeignKey
ALTER TABLE "TelegramLinkCode" ADD CONSTRAINT "TelegramLinkCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineNotice" ADD CONSTRAINT "DeadlineNotice_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;
