-- Issue 12 (release 2.3.0): a password change or reset invalidates the tokens issued before it; and outbox rows Kafka
-- refuses for good are parked, not retried forever.

-- Raised by every password change or reset; tokens carry it (claim gen) and those with a lower one are refused.
ALTER TABLE user_account ADD COLUMN token_generation INTEGER NOT NULL DEFAULT 0;

-- The outbox relay skips parked rows (and the events behind them on their key go on); set with last_error.
ALTER TABLE outbox_event ADD COLUMN parked_at TIMESTAMPTZ;
