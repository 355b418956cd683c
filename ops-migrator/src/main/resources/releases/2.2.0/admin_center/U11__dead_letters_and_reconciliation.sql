-- Way back of admin_center V11 (release 2.2.0): the dead-letter index and the reconciliation reports did not exist in
-- 2.1.0. The dead letters stay on their .dlq topics (14 days), but the index consumer group's committed offsets stay
-- too: rows lost here are not indexed again. The migrator refuses this rollback while they hold rows unless
-- --allow-data-loss is given.
DROP TABLE reconciliation_run;
DROP TABLE dead_letter;
