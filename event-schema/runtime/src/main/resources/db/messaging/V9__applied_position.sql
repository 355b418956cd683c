-- Stale-event protection (release 2.2.0): per consumer and state object (catalog StateObject: a user, one permission
-- of a user, a function unit), the position of the last change the consumer applied. An event older than it —
-- a late delivery, a replay from a dead-letter topic — is skipped, so it never undoes a newer change. Ordered by the
-- event's time, then its id: a replay gets a new Kafka offset, so offsets cannot order it. Written by InboxProcessor
-- in the transaction that applies the event. Additive only.
CREATE TABLE applied_position (
    consumer_group  TEXT         NOT NULL,             -- the consuming channel, as in inbox_event
    object_key      TEXT         NOT NULL,             -- e.g. user:<id>:permission:<permission>, function-unit:<id>
    event_time      TIMESTAMPTZ  NOT NULL,             -- CloudEvents time of the last applied change
    event_id        UUID         NOT NULL,             -- its id, the tie-break
    event_type      TEXT         NOT NULL,
    applied_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, object_key)
);
