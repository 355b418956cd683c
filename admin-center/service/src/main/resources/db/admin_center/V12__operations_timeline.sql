-- Admin center: the monitoring service (issue 11, seed §2.3.1). The operations timeline records every function-unit
-- lifecycle event consumed from function-unit-events (created, published, deployed, retired), once per event id;
-- the health of each live deployment is computed from it and from execution_record.

CREATE TABLE operations_timeline (
    event_id          UUID         PRIMARY KEY,
    function_unit_id  TEXT         NOT NULL,
    name              TEXT,
    version           TEXT,
    event_type        TEXT         NOT NULL,
    status            TEXT         NOT NULL,                 -- the event's data.status: SUCCESS or FAILED
    occurred_at       TIMESTAMPTZ  NOT NULL,                 -- the event's time
    actor             TEXT,                                  -- the event's userid
    source            TEXT         NOT NULL,
    correlation_id    TEXT,
    trace_id          TEXT,                                  -- from the event's traceparent
    details           JSONB        NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX operations_timeline_unit ON operations_timeline (function_unit_id, occurred_at DESC);
CREATE INDEX operations_timeline_time ON operations_timeline (occurred_at DESC);
