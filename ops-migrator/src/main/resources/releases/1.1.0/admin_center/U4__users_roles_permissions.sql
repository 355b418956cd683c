-- Way back of admin_center V4 (release 1.1.0): the tables did not exist in 1.0.0. Their rows are lost;
-- the migrator refuses this rollback while they hold rows unless --allow-data-loss is given.
DROP TABLE user_permission;
DROP TABLE user_role;
DROP TABLE user_account;
