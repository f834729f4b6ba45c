-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "HistoryAction" ADD VALUE 'ATTACHMENT_ADDED';
ALTER TYPE "HistoryAction" ADD VALUE 'ATTACHMENT_REMOVED';

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'ATTACHMENT_ADDED';

-- DropIndex
DROP INDEX "Attachment_storageKey_key";

-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "height" INTEGER,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "width" INTEGER;

-- CreateIndex
CREATE INDEX "Attachment_storageKey_idx" ON "Attachment"("storageKey");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_ticketId_fileName_version_key" ON "Attachment"("ticketId", "fileName", "version");
