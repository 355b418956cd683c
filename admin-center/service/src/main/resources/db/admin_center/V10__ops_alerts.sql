-- Admin center: alerts that reach people (issue 11, part A). Additive: release 2.2.0.
-- ops_alert: one row per firing of a rule for a target, from raised to resolved (the history); at most one FIRING row
-- per rule and target. ops_alert_silence: silences with an end time (ended early by a DELETE, kept for the record).
-- ops_alert_lease: which admin-center pod evaluates the rules (one at a time).

CREATE TABLE ops_alert (
    id               UUID         PRIMARY KEY,              -- the subject of its alert.raised / alert.resolved events
    rule             TEXT         NOT NULL,
    target           TEXT         NOT NULL,
    severity         TEXT         NOT NULL,
    status           TEXT         NOT NULL,
    summary          TEXT         NOT NULL,
    evidence         JSONB        NOT NULL,
    raised_at        TIMESTAMPTZ  NOT NULL,
    resolved_at      TIMESTAMPTZ,
    acknowledged_at  TIMESTAMPTZ,
    acknowledged_by  TEXT,
    notified         BOOLEAN      NOT NULL,                 -- alert.raised went out (false while silenced)
    CONSTRAINT ops_alert_status CHECK (status IN ('FIRING', 'RESOLVED')),
    CONSTRAINT ops_alert_severity CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL'))
);
CREATE UNIQUE INDEX ops_alert_one_firing ON ops_alert (rule, target) WHERE status = 'FIRING';
CREATE INDEX ops_alert_raised ON ops_alert (raised_at DESC, id);

CREATE TABLE ops_alert_silence (
    id          UUID         PRIMARY KEY,
    rule        TEXT,                                       -- NULL: every rule
    target      TEXT,                                       -- NULL: every target of the rule
    reason      TEXT         NOT NULL,
    created_by  TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    ends_at     TIMESTAMPTZ  NOT NULL,
    ended_at    TIMESTAMPTZ,
    ended_by    TEXT,
    CONSTRAINT ops_alert_silence_target CHECK (target IS NULL OR rule IS NOT NULL)
);
CREATE INDEX ops_alert_silence_active ON ops_alert_silence (ends_at) WHERE ended_at IS NULL;

CREATE TABLE ops_alert_lease (
    name        TEXT         PRIMARY KEY,
    holder      TEXT,
    expires_at  TIMESTAMPTZ  NOT NULL
);
INSERT INTO ops_alert_lease (name, holder, expires_at) VALUES ('alert-evaluator', NULL, '-infinity');
