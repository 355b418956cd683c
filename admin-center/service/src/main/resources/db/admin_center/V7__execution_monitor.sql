-- Admin center: the execution monitor (issue 5), one row per workflow execution, written from
-- workflow-execution-events by the `execution-monitor` consumer (each event applied once through the inbox).

CREATE TABLE execution_record (
    execution_id      UUID         PRIMARY KEY,               -- the event subject
    function_unit_id  TEXT         NOT NULL,
    version           TEXT,
    user_id           TEXT,
    status            TEXT         NOT NULL,
    steps_completed   INTEGER      NOT NULL DEFAULT 0,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    duration_ms       BIGINT,
    failed_step       TEXT,
    error             TEXT,
    CONSTRAINT execution_record_status CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'INTERRUPTED'))
);
CREATE INDEX execution_record_unit ON execution_record (function_unit_id, status);
