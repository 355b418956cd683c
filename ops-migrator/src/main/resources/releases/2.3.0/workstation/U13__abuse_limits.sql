-- Way back of workstation V13 (release 2.3.0): collaborators, the draft edit log and the accounts kept from
-- user-permission-events are dropped (the migrator refuses while function_unit_edit or account hold rows unless
-- --allow-data-loss: the edit log cannot be rebuilt; accounts come back by replaying user-permission-events within
-- its retention). Parked outbox rows lose their mark (clear them first, see operations.md).
ALTER TABLE outbox_event DROP COLUMN parked_at;
DROP TABLE account;
DROP TABLE function_unit_edit;
ALTER TABLE function_unit DROP COLUMN updated_by;
ALTER TABLE function_unit DROP COLUMN collaborators;
