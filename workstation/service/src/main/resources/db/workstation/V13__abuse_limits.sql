-- Issue 12 (release 2.3.0): who may edit a function unit, who did, and what the workstation knows of accounts; and
-- outbox rows Kafka refuses for good are parked, not retried forever.

-- Besides the owner, these users may edit and publish the unit: a JSON array of user ids (text: the reactive client
-- reads a JSONB column as an object, and this is an array).
ALTER TABLE function_unit ADD COLUMN collaborators TEXT NOT NULL DEFAULT '[]';
-- Who made the last draft edit (NULL for units edited before 2.3.0).
ALTER TABLE function_unit ADD COLUMN updated_by TEXT;

-- Every change to a unit's draft, collaborators or versions: who, when, and the draft's digest after it.
CREATE TABLE function_unit_edit (
    id                BIGSERIAL    PRIMARY KEY,
    function_unit_id  UUID         NOT NULL REFERENCES function_unit (id),
    action            TEXT         NOT NULL,
    edited_by         TEXT         NOT NULL,
    edited_at         TIMESTAMPTZ  NOT NULL,
    draft_digest      TEXT         NOT NULL,
    correlation_id    TEXT
);
CREATE INDEX function_unit_edit_unit ON function_unit_edit (function_unit_id, edited_at DESC);

-- Accounts as user-permission-events describe them: requests act with the caller's current roles.
CREATE TABLE account (
    user_id     UUID         PRIMARY KEY,
    status      TEXT         NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    roles       TEXT         NOT NULL,                 -- a JSON array of role names
    updated_at  TIMESTAMPTZ  NOT NULL
);

-- The outbox relay skips parked rows (and the events behind them on their key go on); set with last_error.
ALTER TABLE outbox_event ADD COLUMN parked_at TIMESTAMPTZ;
