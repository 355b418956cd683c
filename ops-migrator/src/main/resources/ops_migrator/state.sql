-- The migrator's own state (schema ops_migrator), created and upgraded by the migrator itself
-- (EngineState.ensureSchema): idempotent, so every version of the migrator can run it on any earlier state.
CREATE SCHEMA IF NOT EXISTS ops_migrator;
CREATE TABLE IF NOT EXISTS ops_migrator.run (
    run_id        BIGSERIAL PRIMARY KEY,
    command       TEXT NOT NULL,
    from_release  TEXT,
    to_release    TEXT,
    status        TEXT NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    ended_at      TIMESTAMPTZ,
    reason        TEXT,
    host          TEXT,
    pid           BIGINT);
CREATE TABLE IF NOT EXISTS ops_migrator.step_run (
    id                BIGSERIAL PRIMARY KEY,
    run_id            BIGINT NOT NULL REFERENCES ops_migrator.run (run_id),
    release           TEXT NOT NULL,
    step_id           TEXT NOT NULL,
    kind              TEXT NOT NULL,
    direction         TEXT NOT NULL,
    status            TEXT NOT NULL,
    started_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    ended_at          TIMESTAMPTZ,
    rows_done         BIGINT,
    rows_total        BIGINT,
    rows_per_second   DOUBLE PRECISION,
    resumed_from_key  BIGINT,
    reason            TEXT);
CREATE TABLE IF NOT EXISTS ops_migrator.checkpoint (
    step_id     TEXT NOT NULL,
    direction   TEXT NOT NULL,
    last_key    BIGINT NOT NULL,
    rows_done   BIGINT NOT NULL,
    rows_total  BIGINT NOT NULL,
    run_id      BIGINT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (step_id, direction));
CREATE TABLE IF NOT EXISTS ops_migrator.applied_step (
    step_id     TEXT PRIMARY KEY,
    release     TEXT NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    run_id      BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS ops_migrator.control (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    pause_requested  BOOLEAN NOT NULL,
    requested_at     TIMESTAMPTZ,
    requested_by     TEXT);
INSERT INTO ops_migrator.control (id, pause_requested) VALUES (1, false) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS ops_migrator.snapshot (
    run_id           BIGINT NOT NULL,
    release          TEXT NOT NULL,
    schema_name      TEXT NOT NULL,
    schema_checksum  TEXT NOT NULL,
    taken_at         TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (run_id, release, schema_name));
CREATE TABLE IF NOT EXISTS ops_migrator.backup (
    run_id        BIGINT NOT NULL,
    release       TEXT NOT NULL,
    source_table  TEXT NOT NULL,
    backup_table  TEXT NOT NULL,
    row_count     BIGINT NOT NULL,
    checksum      TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (run_id, source_table));
CREATE TABLE IF NOT EXISTS ops_migrator.platform_config (
    environment  TEXT NOT NULL,
    key          TEXT NOT NULL,
    value        TEXT NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    step_id      TEXT NOT NULL,
    PRIMARY KEY (environment, key));
CREATE TABLE IF NOT EXISTS ops_migrator.config_backup (
    step_id         TEXT NOT NULL,
    environment     TEXT NOT NULL,
    key             TEXT NOT NULL,
    previous_value  TEXT,
    PRIMARY KEY (step_id, environment, key));
ALTER TABLE ops_migrator.step_run ADD COLUMN IF NOT EXISTS peak_connections BIGINT,
    ADD COLUMN IF NOT EXISTS max_connections BIGINT, ADD COLUMN IF NOT EXISTS database_bytes BIGINT,
    ADD COLUMN IF NOT EXISTS min_free_disk_bytes BIGINT, ADD COLUMN IF NOT EXISTS peak_heap_bytes BIGINT,
    ADD COLUMN IF NOT EXISTS max_heap_bytes BIGINT;
CREATE TABLE IF NOT EXISTS ops_migrator.database_backup (
    id              BIGSERIAL PRIMARY KEY,
    run_id          BIGINT,
    before_release  TEXT,
    location        TEXT NOT NULL,
    platform_release TEXT,
    tables          INTEGER NOT NULL,
    total_rows      BIGINT NOT NULL,
    bytes           BIGINT NOT NULL,
    seconds         DOUBLE PRECISION NOT NULL,
    verified        BOOLEAN NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp());
ALTER TABLE ops_migrator.backup ADD COLUMN IF NOT EXISTS purpose TEXT NOT NULL DEFAULT 'release';
ALTER TABLE ops_migrator.backup ADD COLUMN IF NOT EXISTS snapshot TEXT;
DO $do$
BEGIN
    -- a run that rolls its own release back copies the same table twice (release, rollback)
    IF (SELECT array_length(conkey, 1) FROM pg_constraint WHERE conname = 'backup_pkey'
        AND conrelid = 'ops_migrator.backup'::regclass) = 2 THEN
        ALTER TABLE ops_migrator.backup DROP CONSTRAINT backup_pkey,
            ADD PRIMARY KEY (run_id, source_table, purpose);
    END IF;
END
$do$;

-- The reports `report` wrote (JSON for machines, Markdown for people): the admin center's console shows the newest.
CREATE TABLE IF NOT EXISTS ops_migrator.report (
    id                BIGSERIAL PRIMARY KEY,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    platform_release  TEXT,
    valid             BOOLEAN NOT NULL,
    report            JSONB NOT NULL,
    markdown          TEXT NOT NULL);
