-- Messaging tables every service has in its own schema (Flyway sets search_path to that schema).

-- Transactional outbox: written in the same transaction as the business change, published by the relay.
CREATE TABLE outbox_event (
    seq           BIGSERIAL    PRIMARY KEY,              -- publication order
    event_id      UUID         NOT NULL UNIQUE,          -- CloudEvents id
    topic         TEXT         NOT NULL,
    event_key     TEXT         NOT NULL,                 -- CloudEvents subject, the Kafka record key
    event_type    TEXT         NOT NULL,
    payload       BYTEA        NOT NULL,                 -- the structured-mode CloudEvent
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at  TIMESTAMPTZ,
    attempts      INTEGER      NOT NULL DEFAULT 0,
    last_error    TEXT
);
CREATE INDEX outbox_event_pending ON outbox_event (seq) WHERE published_at IS NULL;

-- Idempotent inbox: the ids of events a consumer group applied, written with the state change.
CREATE TABLE inbox_event (
    event_id        UUID         NOT NULL,
    consumer_group  TEXT         NOT NULL,
    event_type      TEXT         NOT NULL,
    topic           TEXT         NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL,
    processed_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, consumer_group)
);
