-- CreateIndex
CREATE INDEX "Ticket_departmentId_createdAt_idx" ON "Ticket"("departmentId", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_departmentId_completedAt_idx" ON "Ticket"("departmentId", "completedAt");

-- CreateIndex
CREATE INDEX "Ticket_assignedAt_idx" ON "Ticket"("assignedAt");

-- Backfill: the stage stamps of every ticket as the rules now keep them (domain/stage-times.ts). Before this
-- migration a rollback left the stamps of the stages it undid (a ticket sent back to APPROVED still had its
-- completedAt) and did not restore those of the stages it returned to. Each stamp a status carries is set to the
-- latest history entry that recorded it, when one exists; the stamps of stages the ticket has not reached are
-- cleared. (An entry after a rollback target cannot be told from history alone; the latest one is the best
-- reading.)
WITH stamps AS (
  SELECT h."ticketId",
         max(h."createdAt") FILTER (WHERE (h."action" = 'APPROVED' AND h."toStatus" = 'PENDING_CREATIVE')
                                      OR (h."action" = 'CREATED' AND h."toStatus" IN ('PENDING_CREATIVE', 'APPROVED'))) AS dept,
         max(h."createdAt") FILTER (WHERE (h."action" = 'APPROVED' AND h."toStatus" = 'APPROVED')
                                      OR (h."action" = 'CREATED' AND h."toStatus" = 'APPROVED')) AS creative,
         max(h."createdAt") FILTER (WHERE h."action" = 'ASSIGNED') AS assigned,
         max(h."createdAt") FILTER (WHERE h."action" = 'STARTED') AS started,
         max(h."createdAt") FILTER (WHERE h."action" = 'COMPLETED') AS completed,
         max(h."createdAt") FILTER (WHERE h."action" = 'CONFIRMED') AS closed,
         max(h."createdAt") FILTER (WHERE h."action" = 'REJECTED') AS rejected
  FROM "TicketHistory" h
  GROUP BY h."ticketId"
)
UPDATE "Ticket" t SET
  "deptApprovedAt" = CASE WHEN t."status" = 'REQUESTED' THEN NULL ELSE coalesce(s.dept, t."deptApprovedAt") END,
  "creativeApprovedAt" = CASE WHEN t."status" IN ('APPROVED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED') THEN coalesce(s.creative, t."creativeApprovedAt") ELSE NULL END,
  "assignedAt" = CASE WHEN t."assigneeId" IS NULL THEN NULL ELSE coalesce(s.assigned, t."assignedAt") END,
  "startedAt" = CASE WHEN t."status" IN ('IN_PROGRESS', 'COMPLETED', 'CLOSED') THEN coalesce(s.started, t."startedAt") ELSE NULL END,
  "completedAt" = CASE WHEN t."status" IN ('COMPLETED', 'CLOSED') THEN coalesce(s.completed, t."completedAt") ELSE NULL END,
  "closedAt" = CASE WHEN t."status" = 'CLOSED' THEN coalesce(s.closed, t."closedAt") ELSE NULL END,
  "rejectedAt" = CASE WHEN t."status" = 'REJECTED' THEN coalesce(s.rejected, t."rejectedAt") ELSE NULL END
FROM stamps s
WHERE s."ticketId" = t."id"
  AND (t."deptApprovedAt", t."creativeApprovedAt", t."assignedAt", t."startedAt", t."completedAt", t."closedAt", t."rejectedAt")
      IS DISTINCT FROM (
        CASE WHEN t."status" = 'REQUESTED' THEN NULL ELSE coalesce(s.dept, t."deptApprovedAt") END,
        CASE WHEN t."status" IN ('APPROVED', 'IN_PROGRESS', 'COMPLETED', 'CLOSED') THEN coalesce(s.creative, t."creativeApprovedAt") ELSE NULL END,
        CASE WHEN t."assigneeId" IS NULL THEN NULL ELSE coalesce(s.assigned, t."assignedAt") END,
        CASE WHEN t."status" IN ('IN_PROGRESS', 'COMPLETED', 'CLOSED') THEN coalesce(s.started, t."startedAt") ELSE NULL END,
        CASE WHEN t."status" IN ('COMPLETED', 'CLOSED') THEN coalesce(s.completed, t."completedAt") ELSE NULL END,
        CASE WHEN t."status" = 'CLOSED' THEN coalesce(s.closed, t."closedAt") ELSE NULL END,
        CASE WHEN t."status" = 'REJECTED' THEN coalesce(s.rejected, t."rejectedAt") ELSE NULL END
      );
