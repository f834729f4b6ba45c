-- Search (issue 25, services/search.ts): the words of titles alone, beside Ticket_search_idx (title and
-- description). A title match must be among the candidates that are ranked, and a word that many descriptions
-- hold is rarely in as many titles: each branch takes at most 200 candidates, so without a title-only branch a
-- common word's first 200 tickets (in no particular order) could all be description matches and leave the ticket
-- named by it out. Its ANALYZE statistics also say which words are common in titles (domain/search.ts).
CREATE INDEX "Ticket_title_search_idx" ON "Ticket" USING GIN (to_tsvector('simple'::regconfig, "title")) WITH (fastupdate = off);
