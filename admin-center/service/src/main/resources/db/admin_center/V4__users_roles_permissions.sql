-- Admin center: user accounts, their roles and directly granted permissions (issue 4, release 1.1.0).
-- Roles are the platform's catalog (event-schema `PlatformRole`); what each role grants is defined there,
-- so the portal computes effective permissions (role grants ∪ direct grants) from the same definition.

CREATE TABLE user_account (
    user_id        UUID         PRIMARY KEY,                    -- the event subject of every access event
    username       TEXT         NOT NULL,                       -- login name, stored lower-case
    display_name   TEXT,
    email          TEXT         NOT NULL,
    password_hash  TEXT         NOT NULL,                       -- bcrypt (modular crypt format), never the password
    status         TEXT         NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    created_by     TEXT         NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT user_account_username_unique UNIQUE (username),
    CONSTRAINT user_account_status CHECK (status IN ('ACTIVE', 'DISABLED'))
);

CREATE TABLE user_role (
    user_id      UUID         NOT NULL REFERENCES user_account (user_id),
    role         TEXT         NOT NULL,
    assigned_at  TIMESTAMPTZ  NOT NULL,
    assigned_by  TEXT         NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Permissions granted to a user directly, written `<resource-type>:<resource-id|*>:<action>`.
CREATE TABLE user_permission (
    id          BIGSERIAL    PRIMARY KEY,
    user_id     UUID         NOT NULL REFERENCES user_account (user_id),
    permission  TEXT         NOT NULL,
    granted_at  TIMESTAMPTZ  NOT NULL,
    granted_by  TEXT         NOT NULL,
    CONSTRAINT user_permission_unique UNIQUE (user_id, permission)
);
