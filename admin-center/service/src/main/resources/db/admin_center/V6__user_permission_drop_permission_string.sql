-- Release 2.0.0, contract (ops-migrator, after the batched data migration filled the columns): the
-- structured columns become the only shape. Breaking: code that reads or writes `permission` stops working.
-- Way back: ops-migrator's down scripts (releases/2.0.0) and its JoinPermissions data migration.

DROP TRIGGER user_permission_split ON user_permission;
DROP FUNCTION user_permission_split();

ALTER TABLE user_permission
    ALTER COLUMN resource_type SET NOT NULL,
    ALTER COLUMN resource_id SET NOT NULL,
    ALTER COLUMN action SET NOT NULL,
    -- ':' stays a separator, so the way back (`type:id:action`) is lossless.
    ADD CONSTRAINT user_permission_parts CHECK (resource_type <> '' AND resource_id <> '' AND action <> ''
        AND strpos(resource_type, ':') = 0 AND strpos(action, ':') = 0),
    ADD CONSTRAINT user_permission_resource_unique UNIQUE (user_id, resource_type, resource_id, action),
    DROP CONSTRAINT user_permission_unique,
    DROP COLUMN permission;
