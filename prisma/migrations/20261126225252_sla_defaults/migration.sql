-- Default SLA rules: the deadline by priority applied at assignment when a ticket has no due date.
-- A NULL criteria applies to any criteria; a rule naming a criteria wins over it.
INSERT INTO "SlaRule" ("id", "priority", "criteria", "hours") VALUES
  (gen_random_uuid(), 'URGENT', NULL, 2),
  (gen_random_uuid(), 'URGENT', 'VIDEO', 3),
  (gen_random_uuid(), 'HIGH', NULL, 24),
  (gen_random_uuid(), 'MEDIUM', NULL, 72),
  (gen_random_uuid(), 'LOW', NULL, 168);
