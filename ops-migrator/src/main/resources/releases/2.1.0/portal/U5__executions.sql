-- Way back of portal V5 (release 2.1.0): executions and the published definitions did not exist in 2.0.0.
-- Their rows are lost; the migrator refuses this rollback while they hold rows unless --allow-data-loss is given.
DROP TABLE execution;
DROP TABLE function_version;
