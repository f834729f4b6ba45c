-- The deadline sweep (api/src/notifications/deadline-scheduler.ts) pages through the open tickets due in its
-- window that have no notice yet. With these two indexes PostgreSQL merges two index-only scans of the window,
-- both ordered by (due date, ticket): 34-55 ms for an idle pass at 1,000,000 tickets (27,000 due in the window),
-- where Ticket_open_dueDate_idx (no id: a heap fetch per ticket) and one DeadlineNotice primary key probe per
-- ticket took 430 ms.
-- CreateIndex
CREATE INDEX "DeadlineNotice_dueDate_ticketId_kind_idx" ON "DeadlineNotice"("dueDate", "ticketId", "kind");

-- CreateIndex
CREATE INDEX "Ticket_open_dueDate_id_idx" ON "Ticket"("dueDate", "id") WHERE ("deletedAt" IS NULL AND status <> ALL (ARRAY['COMPLETED'::"TicketStatus", 'CLOSED'::"TicketStatus", 'REJECTED'::"TicketStatus"]));
