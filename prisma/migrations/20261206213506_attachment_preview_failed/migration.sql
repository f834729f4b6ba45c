-- AlterTable
ALTER TABLE "Attachment" ADD COLUMN     "previewFailed" BOOLEAN NOT NULL DEFAULT false;
