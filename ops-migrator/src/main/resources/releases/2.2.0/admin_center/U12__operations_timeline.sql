-- Way back of admin_center V12 (release 2.2.0): the operations timeline did not exist in 2.1.0. Its rows are
-- rebuilt only by replaying function-unit-events (within the topic's retention); the migrator refuses this rollback
-- while the table holds rows unless --allow-data-loss is given.
DROP TABLE operations_timeline;
