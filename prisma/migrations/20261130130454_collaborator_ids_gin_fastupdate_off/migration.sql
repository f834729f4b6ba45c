-- The read rule's collaborator branch ("collaboratorIds" @> ARRAY[viewer]) is served by this GIN index. With
-- GIN's fast update, new entries wait in a pending list that every search scans linearly until a vacuum merges
-- it; after a bulk load (114,000 pending entries at 100,000 tickets) the planner priced the index above a
-- sequential scan and a member's board total went from 6 ms to 32 ms. Collaborators change rarely, so entries
-- go straight into the index, and what is pending now is merged.
ALTER INDEX "Ticket_collaboratorIds_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"Ticket_collaboratorIds_idx"'::regclass);
