-- Admin center: function-unit inventory, published versions, deployments and the audit log (issue 3).
-- Unqualified names: Flyway and the service use schema admin_center through search_path.

-- One row per function unit the workstation created (from function-unit.created).
CREATE TABLE function_unit (
    function_unit_id  TEXT         PRIMARY KEY,                  -- the workstation's id, the event subject
    name              TEXT         NOT NULL,
    description       TEXT,
    owner_id          TEXT         NOT NULL,
    category          TEXT         NOT NULL,
    status            TEXT         NOT NULL,                     -- CREATED, PUBLISHED, DEPLOYED, RETIRED
    latest_version    TEXT,                                      -- the version published last
    deployed_version  TEXT,                                      -- the version live in production, if any
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    CONSTRAINT function_unit_status CHECK (status IN ('CREATED', 'PUBLISHED', 'DEPLOYED', 'RETIRED'))
);
CREATE INDEX function_unit_name ON function_unit (name);

-- Each published version (from function-unit.published) and where it stands in deployment.
CREATE TABLE function_unit_version (
    id                UUID         PRIMARY KEY,
    function_unit_id  TEXT         NOT NULL REFERENCES function_unit (function_unit_id),
    version           TEXT         NOT NULL,
    changelog         TEXT,
    content_digest    TEXT         NOT NULL,
    published_at      TIMESTAMPTZ  NOT NULL,
    state             TEXT         NOT NULL,                     -- PENDING, DEPLOYED, SUPERSEDED, RETIRED
    CONSTRAINT function_unit_version_unique UNIQUE (function_unit_id, version),
    CONSTRAINT function_unit_version_state CHECK (state IN ('PENDING', 'DEPLOYED', 'SUPERSEDED', 'RETIRED'))
);
CREATE INDEX function_unit_version_pending ON function_unit_version (published_at DESC) WHERE state = 'PENDING';

-- Deployments an admin made. At most one is current (neither superseded nor retired) per unit and environment.
CREATE TABLE deployment (
    id                 UUID         PRIMARY KEY,
    function_unit_id   TEXT         NOT NULL REFERENCES function_unit (function_unit_id),
    version            TEXT         NOT NULL,
    environment        TEXT         NOT NULL,
    deployed_by        TEXT         NOT NULL,
    deployed_at        TIMESTAMPTZ  NOT NULL,
    superseded_at      TIMESTAMPTZ,
    retired_at         TIMESTAMPTZ,
    retired_by         TEXT,
    retirement_reason  TEXT
);
CREATE UNIQUE INDEX deployment_current ON deployment (function_unit_id, environment)
    WHERE superseded_at IS NULL AND retired_at IS NULL;

-- The audit log: consumed events (with their event id) and the admins' own actions (with the id of the event
-- they emitted). event_id is unique when present, a second fence behind the inbox against auditing twice.
CREATE TABLE audit_event (
    id              BIGSERIAL    PRIMARY KEY,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    event_type      TEXT         NOT NULL,
    subject         TEXT         NOT NULL,
    actor           TEXT,
    source          TEXT         NOT NULL,
    event_id        UUID         UNIQUE,
    correlation_id  TEXT,
    summary         TEXT         NOT NULL,
    details         JSONB
);
CREATE INDEX audit_event_occurred ON audit_event (occurred_at DESC, id DESC);
CREATE INDEX audit_event_subject ON audit_event (subject, occurred_at DESC);
CREATE INDEX audit_event_type ON audit_event (event_type, occurred_at DESC);
