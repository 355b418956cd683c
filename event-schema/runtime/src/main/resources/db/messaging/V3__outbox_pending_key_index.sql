-- The relay's claims look pending events up by key: the head-of-key test (no older unpublished event of
-- the same key) and the after-commit pass for a request's keys. Without this index both scan the table.
-- Version numbers are one sequence per schema shared with the module's own scripts (db/<schema>):
-- every new script, shared or not, takes the next free number.
CREATE INDEX outbox_event_pending_key ON outbox_event (event_key, seq) WHERE published_at IS NULL;
