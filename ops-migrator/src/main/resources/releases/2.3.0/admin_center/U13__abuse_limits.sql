-- Way back of admin_center V13 (release 2.3.0). Tokens of 2.2.0 carry no token generation: after the rollback a
-- password change no longer refuses older tokens (they expire within their TTL). Parked outbox rows lose their mark
-- and are tried again by the relay of 2.2.0 (which retries them without end): clear them first (see operations.md).
ALTER TABLE outbox_event DROP COLUMN parked_at;
ALTER TABLE user_account DROP COLUMN token_generation;
