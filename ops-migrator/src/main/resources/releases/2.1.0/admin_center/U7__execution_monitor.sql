-- Way back of admin_center V7 (release 2.1.0): the execution monitor's table did not exist in 2.0.0. Its rows
-- are lost (they are rebuilt only by replaying workflow-execution-events); the migrator refuses this rollback
-- while the table holds rows unless --allow-data-loss is given.
DROP TABLE execution_record;
