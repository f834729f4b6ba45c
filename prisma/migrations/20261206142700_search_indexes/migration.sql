-- Search (issue 25, services/search-sql.ts): full-text indexes over what a person remembers of a ticket, its
-- title and description, and its comments. Expression indexes, not stored tsvector columns: Prisma's schema has no
-- way to say either, and an expression index keeps every write path (the app, seeds, hand-written fixes) free of a
-- column to maintain. The statement in search-sql.ts repeats these expressions exactly, or the planner cannot
-- use them.
--
-- The 'simple' configuration, not 'english': titles and comments are written by a team in more than one
-- language, names and product words ("1200x628", "reels", "telegram") must match as typed, and 'english'
-- would stem or drop them (stop words such as "it" or "via" vanish from the query). Words are matched as
-- prefixes (banner:*), which covers plurals and half-typed words; the trigram index on the title (init
-- migration, Ticket_title_trgm_idx) covers typos.
CREATE INDEX "Ticket_search_idx" ON "Ticket" USING GIN (
  (setweight(to_tsvector('simple'::regconfig, "title"), 'A') || setweight(to_tsvector('simple'::regconfig, "description"), 'B'))
) WITH (fastupdate = off);

CREATE INDEX "Comment_search_idx" ON "Comment" USING GIN (to_tsvector('simple'::regconfig, "body")) WITH (fastupdate = off);
