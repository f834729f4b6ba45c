-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "collaboratorIds" UUID[] DEFAULT ARRAY[]::UUID[];

-- CreateIndex
CREATE INDEX "Ticket_collaboratorIds_idx" ON "Ticket" USING GIN ("collaboratorIds");

-- "collaboratorIds" mirrors the ticket's TicketCollaborator rows (which stay the source of truth), so the read
-- rule can be written over Ticket's own indexed columns. Filled once here, then kept by a trigger on every
-- insert, update and delete of a collaborator, whatever writes it (the app, a seed, a cascade).
UPDATE "Ticket" t
SET "collaboratorIds" = ARRAY(SELECT c."userId" FROM "TicketCollaborator" c WHERE c."ticketId" = t."id" ORDER BY c."userId")
WHERE EXISTS (SELECT 1 FROM "TicketCollaborator" c WHERE c."ticketId" = t."id");

CREATE FUNCTION "Ticket_refresh_collaboratorIds"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "Ticket"
    SET "collaboratorIds" = ARRAY(SELECT c."userId" FROM "TicketCollaborator" c WHERE c."ticketId" = OLD."ticketId" ORDER BY c."userId")
    WHERE "id" = OLD."ticketId";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "Ticket"
    SET "collaboratorIds" = ARRAY(SELECT c."userId" FROM "TicketCollaborator" c WHERE c."ticketId" = NEW."ticketId" ORDER BY c."userId")
    WHERE "id" = NEW."ticketId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "TicketCollaborator_refresh_collaboratorIds"
AFTER INSERT OR UPDATE OR DELETE ON "TicketCollaborator"
FOR EACH ROW EXECUTE FUNCTION "Ticket_refresh_collaboratorIds"();
