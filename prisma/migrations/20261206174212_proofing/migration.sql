-- CreateEnum
CREATE TYPE "AnnotationShape" AS ENUM ('PIN', 'RECT', 'ARROW', 'FREEHAND');

-- CreateEnum
CREATE TYPE "AnnotationState" AS ENUM ('OPEN', 'RESOLVED');

-- CreateEnum
CREATE TYPE "ReviewVerdict" AS ENUM ('APPROVED', 'CHANGES_REQUESTED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TicketEventType" ADD VALUE 'ANNOTATION_ADDED';
ALTER TYPE "TicketEventType" ADD VALUE 'ANNOTATION_RESOLVED';
ALTER TYPE "TicketEventType" ADD VALUE 'ANNOTATION_REOPENED';
ALTER TYPE "TicketEventType" ADD VALUE 'DECISION_RECORDED';

-- CreateTable
CREATE TABLE "Annotation" (
    "id" UUID NOT NULL,
    "attachmentId" UUID NOT NULL,
    "commentId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "page" INTEGER,
    "shape" "AnnotationShape" NOT NULL,
    "x" DOUBLE PRECISION NOT NULL,
    "y" DOUBLE PRECISION NOT NULL,
    "width" DOUBLE PRECISION,
    "height" DOUBLE PRECISION,
    "points" DOUBLE PRECISION[] DEFAULT ARRAY[]::DOUBLE PRECISION[],
    "state" "AnnotationState" NOT NULL DEFAULT 'OPEN',
    "resolvedById" UUID,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Annotation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewDecision" (
    "id" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "attachmentId" UUID NOT NULL,
    "reviewerId" UUID NOT NULL,
    "verdict" "ReviewVerdict" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Annotation_commentId_key" ON "Annotation"("commentId");

-- CreateIndex
CREATE INDEX "Annotation_attachmentId_state_idx" ON "Annotation"("attachmentId", "state");

-- CreateIndex
CREATE INDEX "Annotation_resolvedById_idx" ON "Annotation"("resolvedById");

-- CreateIndex
CREATE UNIQUE INDEX "Annotation_attachmentId_number_key" ON "Annotation"("attachmentId", "number");

-- CreateIndex
CREATE INDEX "ReviewDecision_attachmentId_reviewerId_createdAt_idx" ON "ReviewDecision"("attachmentId", "reviewerId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewDecision_ticketId_createdAt_idx" ON "ReviewDecision"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewDecision_reviewerId_idx" ON "ReviewDecision"("reviewerId");

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Annotation" ADD CONSTRAINT "Annotation_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewDecision" ADD CONSTRAINT "ReviewDecision_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
