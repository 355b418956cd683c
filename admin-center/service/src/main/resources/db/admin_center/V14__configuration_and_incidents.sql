-- Admin center (issue 14): managed configuration with versions and rollback, and the fault history of self-healing.
-- Additive only (backward compatible): release 2.2.0's code never reads these tables.

-- One row per version of the managed configuration: the complete parameter set after the change (so a rollback
-- copies an old row's parameters into a new version), what changed, who, when and why, and how applying it went.
CREATE TABLE configuration_version (
    version          INTEGER      PRIMARY KEY,
    parameters       JSONB        NOT NULL,                 -- key -> value (text), every managed parameter
    changes          JSONB        NOT NULL DEFAULT '[]',    -- [{key, from, to}]
    reason           TEXT         NOT NULL,
    changed_by       TEXT         NOT NULL,
    changed_at       TIMESTAMPTZ  NOT NULL,
    rollback_of      INTEGER,                               -- the version this one restores, for a rollback
    event_id         UUID,                                  -- its configuration.changed event
    apply_status     TEXT         NOT NULL,                 -- APPLIED, PENDING (partition expansion waits), FAILED
    apply_detail     JSONB        NOT NULL DEFAULT '[]'     -- [{key, status, detail}]
);
CREATE INDEX configuration_version_time ON configuration_version (changed_at DESC);

-- The fault history: one row per self-healing action of any service (incident.recorded events, applied once).
CREATE TABLE ops_incident (
    incident_id      UUID         PRIMARY KEY,
    service          TEXT         NOT NULL,
    kind             TEXT         NOT NULL,                 -- consumer-stalled, relay-stalled, dead-letters-redriven, execution-orphaned
    target           TEXT         NOT NULL,                 -- the channel, the outbox, the consumer, the execution
    detected_at      TIMESTAMPTZ  NOT NULL,
    detection        TEXT         NOT NULL,                 -- what was seen
    action           TEXT         NOT NULL,                 -- what was done
    outcome          TEXT         NOT NULL,                 -- HEALED, FAILED, DONE
    outcome_detail   TEXT,
    ended_at         TIMESTAMPTZ  NOT NULL,
    duration_ms      BIGINT       NOT NULL,
    details          JSONB        NOT NULL DEFAULT '{}'
);
CREATE INDEX ops_incident_time ON ops_incident (detected_at DESC);
