-- Portal: workflow executions (issue 5). Definitions come from function-unit.published (every published
-- version, so the deployed one is known whatever the order of deploys); executions run in the portal and are
-- announced on workflow-execution-events (key = execution id).

CREATE TABLE function_version (
    function_unit_id  UUID         NOT NULL,
    version           TEXT         NOT NULL,
    definition        JSONB        NOT NULL,       -- the low-code steps, as the workstation published them
    content_digest    TEXT         NOT NULL,
    published_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (function_unit_id, version)
);

CREATE TABLE execution (
    id                UUID         PRIMARY KEY,
    function_unit_id  UUID         NOT NULL,
    version           TEXT         NOT NULL,
    user_id           TEXT         NOT NULL,       -- who started it (the token's subject)
    status            TEXT         NOT NULL,
    input             JSONB        NOT NULL,
    output            JSONB,                         -- {"value": <the last step's output>}
    error             TEXT,
    failed_step       TEXT,
    steps             JSONB        NOT NULL,       -- {"steps": [{index, name, kind, output, durationMs}, …]} so far
    started_at        TIMESTAMPTZ  NOT NULL,
    heartbeat_at      TIMESTAMPTZ  NOT NULL,       -- last checkpoint; a RUNNING execution without one for long is orphaned
    finished_at       TIMESTAMPTZ,
    CONSTRAINT execution_status CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'INTERRUPTED'))
);
CREATE INDEX execution_running_unit ON execution (function_unit_id) WHERE status = 'RUNNING';
CREATE INDEX execution_running_heartbeat ON execution (heartbeat_at) WHERE status = 'RUNNING';
CREATE INDEX execution_user ON execution (user_id, started_at DESC);
