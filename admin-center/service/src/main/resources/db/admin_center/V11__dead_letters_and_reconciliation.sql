-- Admin center: the dead-letter index and reconciliation reports (issue 11, release 2.2.0). Additive only.

-- Every record of every <topic>.dlq, indexed by the `dead-letter-index` consumer: where it is, where it came from
-- (the dead-letter headers), what could be read of it (an invalid record may not parse: those columns stay null),
-- its bytes, and what ops did with it. The key is the record's place in the dead-letter topic, so indexing a record
-- twice (a redelivery) changes nothing.
CREATE TABLE dead_letter (
    dlq_topic           TEXT         NOT NULL,
    dlq_partition       INTEGER      NOT NULL,
    dlq_offset          BIGINT       NOT NULL,
    dead_lettered_at    TIMESTAMPTZ  NOT NULL,              -- the dead-letter record's timestamp
    original_topic      TEXT,                               -- dead-letter-topic (null: an undeliverable notification)
    original_partition  INTEGER,                            -- dead-letter-partition
    original_offset     BIGINT,                             -- dead-letter-offset
    record_key          TEXT,                               -- the record key: the event's subject
    event_id            TEXT,                               -- parsed leniently from the value
    event_type          TEXT,
    event_time          TIMESTAMPTZ,
    kind                TEXT,                               -- dead-letter-kind
    reason              TEXT,                               -- dead-letter-reason
    cause               TEXT,                               -- dead-letter-cause
    exception           TEXT,                               -- dead-letter-exception-class-name
    consumer            TEXT,                               -- dead-letter-consumer
    field               TEXT,                               -- dead-letter-field
    attempts            INTEGER,                            -- dead-letter-attempts
    headers             JSONB        NOT NULL,              -- every header, as text
    payload             BYTEA        NOT NULL,              -- the record's value, as dead-lettered
    state               TEXT         NOT NULL DEFAULT 'NEW',
    state_changed_by    TEXT,
    state_changed_at    TIMESTAMPTZ,
    replay_count        INTEGER      NOT NULL DEFAULT 0,
    indexed_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (dlq_topic, dlq_partition, dlq_offset),
    CONSTRAINT dead_letter_state CHECK (state IN ('NEW', 'REPLAYED', 'DISCARDED'))
);
-- The browser lists newest first, optionally by one of the filters.
CREATE INDEX dead_letter_newest ON dead_letter (dead_lettered_at DESC);
CREATE INDEX dead_letter_type ON dead_letter (event_type, dead_lettered_at DESC);
CREATE INDEX dead_letter_consumer ON dead_letter (consumer, dead_lettered_at DESC);
CREATE INDEX dead_letter_new ON dead_letter (dlq_topic, dead_lettered_at) WHERE state = 'NEW';

-- One reconciliation of the portal's read models with this service's state: what was compared, the differences
-- found (confirmed by a second look) and the events that repaired them.
CREATE TABLE reconciliation_run (
    id                 UUID         PRIMARY KEY,              -- also the correlation id of its repair events
    trigger            TEXT         NOT NULL,
    requested_by       TEXT,
    started_at         TIMESTAMPTZ  NOT NULL,
    finished_at        TIMESTAMPTZ,
    status             TEXT         NOT NULL,
    accounts_checked   INTEGER      NOT NULL DEFAULT 0,
    functions_checked  INTEGER      NOT NULL DEFAULT 0,
    drift_count        INTEGER      NOT NULL DEFAULT 0,
    repaired_count     INTEGER      NOT NULL DEFAULT 0,
    error              TEXT,
    drifts             JSONB        NOT NULL,                 -- {"items": [{readModel, kind, subject, detail, repair, eventId}]}
    CONSTRAINT reconciliation_run_trigger CHECK (trigger IN ('SCHEDULE', 'REQUEST')),
    CONSTRAINT reconciliation_run_status CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED'))
);
CREATE INDEX reconciliation_run_started ON reconciliation_run (started_at DESC);
-- One reconciliation at a time across pods: a second RUNNING row violates this index.
CREATE UNIQUE INDEX reconciliation_run_one_running ON reconciliation_run ((true)) WHERE status = 'RUNNING';
