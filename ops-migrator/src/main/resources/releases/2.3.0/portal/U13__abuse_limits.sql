-- Way back of portal V13 (release 2.3.0): the approved digest of each available function is forgotten (2.2.0 runs
-- any published definition), and parked outbox rows lose their mark (clear them first, see operations.md).
ALTER TABLE outbox_event DROP COLUMN parked_at;
ALTER TABLE available_function DROP COLUMN content_digest;
