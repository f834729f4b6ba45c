-- AlterEnum: review decisions and annotation state changes are entries of the ticket's history.
ALTER TYPE "HistoryAction" ADD VALUE 'DECISION_RECORDED';
ALTER TYPE "HistoryAction" ADD VALUE 'ANNOTATION_RESOLVED';
ALTER TYPE "HistoryAction" ADD VALUE 'ANNOTATION_REOPENED';
