-- Way back of portal V4 (release 1.1.0): the tables did not exist in 1.0.0.
DROP TABLE account_permission;
DROP TABLE account_role;
DROP TABLE personal_space;
DROP TABLE account;
