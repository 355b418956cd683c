-- The functions users can run: per function unit, the version currently deployed. Written by the
-- `available-functions` consumer from function-unit.deployed (upsert) and function-unit.retired (delete).
CREATE TABLE available_function (
    function_unit_id  UUID          PRIMARY KEY,     -- the event subject
    name              VARCHAR(128)  NOT NULL,
    version           VARCHAR(64)   NOT NULL,        -- semver of the deployed version
    deployment_id     VARCHAR(128)  NOT NULL,        -- admin-center's deployment record
    environment       VARCHAR(64)   NOT NULL,
    deployed_at       TIMESTAMPTZ   NOT NULL,        -- time of the function-unit.deployed event
    deployed_by       VARCHAR(128)  NOT NULL
);
CREATE INDEX available_function_name ON available_function (name);
