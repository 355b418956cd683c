-- Admin center: the notifier (issue 5). Additive only: two new tables, nothing existing changes.

-- Contact details the notifier needs beyond the account's email: the phone number SMS and IM mentions use.
-- Kept apart from user_account so the access feature owns its table and the notifier owns this one.
CREATE TABLE user_contact (
    user_id     UUID         PRIMARY KEY REFERENCES user_account (user_id),
    phone       TEXT         NOT NULL,                     -- E.164-like, e.g. +8613800138000
    updated_at  TIMESTAMPTZ  NOT NULL,
    updated_by  TEXT         NOT NULL
);

-- The delivery log: one row per (recipient or IM bot, channel) of each notification, written PENDING in the
-- inbox transaction of the notification event, then driven by the dispatcher:
-- PENDING → SENDING → SENT, or → RETRY (next_attempt_at) → … → FAILED (dead-lettered).
-- SUPPRESSED (duplicate within the de-duplication window), RATE_LIMITED and SKIPPED (no address for the channel)
-- are final when written and never sent. A SENDING row whose lease (next_attempt_at) ran out — its pod died
-- mid-send — is claimed again.
CREATE TABLE notification_delivery (
    id               UUID         PRIMARY KEY,
    notification_id  TEXT         NOT NULL,
    event_id         UUID         NOT NULL,                -- the notification.requested / alert.* event
    correlation_id   TEXT,
    template         TEXT         NOT NULL,
    severity         TEXT         NOT NULL,
    channel          TEXT         NOT NULL,
    recipient        TEXT         NOT NULL,                -- a user id, or bot:<name> for an IM bot
    address          TEXT,                                 -- email, phone, or the bot's name; null when SKIPPED
    title            TEXT         NOT NULL,
    body             TEXT         NOT NULL,
    payload          TEXT,                                 -- the JSON request body for SMS and IM (unsigned)
    dedup_key        TEXT         NOT NULL,                -- sha-256 of template, parameters, recipient, channel
    status           TEXT         NOT NULL,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    last_error       TEXT,
    requested_at     TIMESTAMPTZ  NOT NULL,                -- the event's time: delivery latency starts here
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    sent_at          TIMESTAMPTZ,
    CONSTRAINT notification_delivery_channel CHECK (channel IN ('EMAIL', 'SMS', 'IM')),
    CONSTRAINT notification_delivery_severity CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    CONSTRAINT notification_delivery_status CHECK (status IN ('PENDING', 'SENDING', 'RETRY', 'SENT', 'FAILED',
        'SUPPRESSED', 'RATE_LIMITED', 'SKIPPED')),
    CONSTRAINT notification_delivery_once UNIQUE (notification_id, channel, recipient)
);

-- The dispatcher's claim: due rows of one channel, oldest first.
CREATE INDEX notification_delivery_due ON notification_delivery (channel, next_attempt_at)
    WHERE status IN ('PENDING', 'RETRY', 'SENDING');
-- De-duplication window and per-recipient rate limit.
CREATE INDEX notification_delivery_dedup ON notification_delivery (dedup_key, created_at);
CREATE INDEX notification_delivery_recipient ON notification_delivery (recipient, channel, created_at);
-- The delivery log, newest first.
CREATE INDEX notification_delivery_created ON notification_delivery (created_at DESC, id);
