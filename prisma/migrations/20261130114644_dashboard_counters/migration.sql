-- CreateTable
CREATE TABLE "TicketCounter" (
    "departmentId" UUID NOT NULL,
    "reachedCreative" BOOLEAN NOT NULL,
    "status" "TicketStatus" NOT NULL,
    "priority" "Priority" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TicketCounter_pkey" PRIMARY KEY ("departmentId","reachedCreative","status","priority")
);

-- CreateTable
CREATE TABLE "TicketDayCounter" (
    "day" DATE NOT NULL,
    "departmentId" UUID NOT NULL,
    "reachedCreative" BOOLEAN NOT NULL,
    "created" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TicketDayCounter_pkey" PRIMARY KEY ("day","departmentId","reachedCreative")
);

-- CreateIndex
CREATE INDEX "Ticket_open_dueDate_idx" ON "Ticket"("dueDate", "departmentId", "reachedCreativeAt") WHERE ("deletedAt" IS NULL AND status <> ALL (ARRAY['COMPLETED'::"TicketStatus", 'CLOSED'::"TicketStatus", 'REJECTED'::"TicketStatus"]));

-- The counters follow every change of "Ticket" in the transaction that makes it, whoever writes (the app, a
-- seed, a cascade, a hand-written fix). A statement trigger sees the rows a statement changed (transition tables,
-- before and after); each ticket outside the trash counts -1 under its keys before and +1 after, and only the
-- non-zero sums per key are applied. So an update that moves no ticket between keys (a title edit, a version
-- bump) writes and locks no counter row, and a bulk insert is one aggregate. Keys are applied in sorted order, so
-- two transactions moving tickets in opposite directions lock counter rows in the same order (no deadlock).
CREATE FUNCTION "Ticket_count"(before "Ticket"[], after "Ticket"[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH sides AS (
    SELECT -1 AS n, r."departmentId", r."reachedCreativeAt" IS NOT NULL AS reached, r."status", r."priority"
    FROM unnest(before) r WHERE r."deletedAt" IS NULL
    UNION ALL
    SELECT 1, r."departmentId", r."reachedCreativeAt" IS NOT NULL, r."status", r."priority"
    FROM unnest(after) r WHERE r."deletedAt" IS NULL
  )
  INSERT INTO "TicketCounter" AS c ("departmentId", "reachedCreative", "status", "priority", "count")
  SELECT "departmentId", reached, "status", "priority", sum(n) FROM sides
  GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("departmentId", "reachedCreative", "status", "priority") DO UPDATE SET "count" = c."count" + EXCLUDED."count";

  -- Days are UTC calendar days (the timestamps are stored in UTC, without a zone).
  WITH sides AS (
    SELECT -1 AS n, r."departmentId", r."reachedCreativeAt" IS NOT NULL AS reached, r."createdAt", r."completedAt"
    FROM unnest(before) r WHERE r."deletedAt" IS NULL
    UNION ALL
    SELECT 1, r."departmentId", r."reachedCreativeAt" IS NOT NULL, r."createdAt", r."completedAt"
    FROM unnest(after) r WHERE r."deletedAt" IS NULL
  ),
  days AS (
    SELECT "createdAt"::date AS day, "departmentId", reached, n AS created, 0 AS completed FROM sides
    UNION ALL
    SELECT "completedAt"::date, "departmentId", reached, 0, n FROM sides WHERE "completedAt" IS NOT NULL
  )
  INSERT INTO "TicketDayCounter" AS c ("day", "departmentId", "reachedCreative", "created", "completed")
  SELECT day, "departmentId", reached, sum(created), sum(completed) FROM days
  GROUP BY 1, 2, 3 HAVING sum(created) <> 0 OR sum(completed) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("day", "departmentId", "reachedCreative")
  DO UPDATE SET "created" = c."created" + EXCLUDED."created", "completed" = c."completed" + EXCLUDED."completed";
END
$$;

-- INSERT has no OLD TABLE and DELETE no NEW TABLE. Static statements (not EXECUTE): their plans are cached.
CREATE FUNCTION "Ticket_count_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "Ticket_count"('{}', ARRAY(SELECT r::"Ticket" FROM new_rows r));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "Ticket_count"(ARRAY(SELECT r::"Ticket" FROM old_rows r), '{}');
  ELSE
    PERFORM "Ticket_count"(ARRAY(SELECT r::"Ticket" FROM old_rows r), ARRAY(SELECT r::"Ticket" FROM new_rows r));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Ticket_count_inserts" AFTER INSERT ON "Ticket"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Ticket_count_changes"();
CREATE TRIGGER "Ticket_count_updates" AFTER UPDATE ON "Ticket"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Ticket_count_changes"();
CREATE TRIGGER "Ticket_count_deletes" AFTER DELETE ON "Ticket"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "Ticket_count_changes"();

-- TRUNCATE fires no row or delete trigger: it empties the counters with the tickets.
CREATE FUNCTION "Ticket_count_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "TicketCounter";
  DELETE FROM "TicketDayCounter";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Ticket_count_truncate" AFTER TRUNCATE ON "Ticket"
FOR EACH STATEMENT EXECUTE FUNCTION "Ticket_count_truncate"();

-- The tickets already there.
INSERT INTO "TicketCounter" ("departmentId", "reachedCreative", "status", "priority", "count")
SELECT "departmentId", "reachedCreativeAt" IS NOT NULL, "status", "priority", count(*)
FROM "Ticket" WHERE "deletedAt" IS NULL
GROUP BY 1, 2, 3, 4;

INSERT INTO "TicketDayCounter" ("day", "departmentId", "reachedCreative", "created", "completed")
SELECT day, "departmentId", reached, sum(created), sum(completed)
FROM (
  SELECT "createdAt"::date AS day, "departmentId", "reachedCreativeAt" IS NOT NULL AS reached, 1 AS created, 0 AS completed
  FROM "Ticket" WHERE "deletedAt" IS NULL
  UNION ALL
  SELECT "completedAt"::date, "departmentId", "reachedCreativeAt" IS NOT NULL, 0, 1
  FROM "Ticket" WHERE "deletedAt" IS NULL AND "completedAt" IS NOT NULL
) AS days
GROUP BY 1, 2, 3;
