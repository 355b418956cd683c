-- Issue 12 (release 2.3.0): the digest of the definition the admin center approved (function-unit.deployed v2), which
-- the portal checks before it runs a version; and outbox rows Kafka refuses for good are parked, not retried forever.

ALTER TABLE available_function ADD COLUMN content_digest TEXT;

-- The outbox relay skips parked rows (and the events behind them on their key go on); set with last_error.
ALTER TABLE outbox_event ADD COLUMN parked_at TIMESTAMPTZ;
