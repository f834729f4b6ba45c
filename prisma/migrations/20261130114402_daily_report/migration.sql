-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'DAILY_REPORT';

-- CreateTable
CREATE TABLE "DailyReport" (
    "day" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DailyReport_pkey" PRIMARY KEY ("day")
);
