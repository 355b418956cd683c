-- Way back of admin_center V14 (release 2.3.0): managed configuration versions and the fault history did not exist in
-- 2.2.0. Their rows cannot be rebuilt (the services go back to their properties files); the migrator refuses this
-- rollback while the tables hold rows unless --allow-data-loss is given.
DROP TABLE ops_incident;
DROP TABLE configuration_version;
