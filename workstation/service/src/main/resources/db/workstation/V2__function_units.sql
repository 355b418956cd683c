-- Function units and their published versions (issue 3).

CREATE TABLE function_unit (
    id           UUID         PRIMARY KEY,
    name         TEXT         NOT NULL,
    description  TEXT,
    category     TEXT         NOT NULL,
    owner_id     TEXT         NOT NULL,
    definition   JSONB        NOT NULL,              -- the draft, edited until a version is published
    created_at   TIMESTAMPTZ  NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    row_version  BIGINT       NOT NULL DEFAULT 0     -- optimistic locking of concurrent draft edits
);
CREATE INDEX function_unit_created ON function_unit (created_at);

CREATE TABLE function_unit_version (
    id                 UUID         PRIMARY KEY,
    function_unit_id   UUID         NOT NULL REFERENCES function_unit (id),
    version            TEXT         NOT NULL,
    changelog          TEXT,
    definition         JSONB        NOT NULL,        -- immutable snapshot
    content_digest     TEXT         NOT NULL,        -- SHA-256 of the canonical definition
    published_at       TIMESTAMPTZ  NOT NULL,
    deployment_status  TEXT         NOT NULL CHECK (deployment_status IN ('PUBLISHED', 'DEPLOYED', 'SUPERSEDED', 'RETIRED')),
    status_changed_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT function_unit_version_unique UNIQUE (function_unit_id, version)
);
