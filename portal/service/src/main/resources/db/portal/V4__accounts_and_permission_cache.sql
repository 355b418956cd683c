-- Portal: accounts, personal spaces and the permission cache, all written by the `access` consumer from
-- user-permission-events (issue 4, release 1.1.0). No foreign keys to account: events of one user arrive in
-- order (key = user id), and a grant must never be lost for want of a row.

CREATE TABLE account (
    user_id       UUID         PRIMARY KEY,                      -- the event subject
    username      TEXT         NOT NULL,
    display_name  TEXT,
    email         TEXT,
    status        TEXT         NOT NULL,
    activated_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT account_status CHECK (status IN ('ACTIVE', 'DISABLED'))
);

-- Each user's personal space, created with the account.
CREATE TABLE personal_space (
    id          UUID         PRIMARY KEY,
    user_id     UUID         NOT NULL UNIQUE,
    name        TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);

-- The user's roles as of the last role.assigned (or account creation).
CREATE TABLE account_role (
    user_id  UUID  NOT NULL,
    role     TEXT  NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Permissions granted to the user directly; effective permissions add what the roles grant.
CREATE TABLE account_permission (
    user_id     UUID         NOT NULL,
    permission  TEXT         NOT NULL,
    granted_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (user_id, permission)
);
