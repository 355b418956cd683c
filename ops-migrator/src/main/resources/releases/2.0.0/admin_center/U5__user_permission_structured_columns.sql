-- Way back of admin_center V5: every row has its `permission` string again (V5 never removed it, or
-- JoinPermissions refilled it after U6); the structured columns (with their unique key) and the sync triggers go.
DROP TRIGGER IF EXISTS user_permission_split ON user_permission;
DROP FUNCTION IF EXISTS user_permission_split();
DROP TRIGGER IF EXISTS user_permission_join ON user_permission;
DROP FUNCTION IF EXISTS user_permission_join();
ALTER TABLE user_permission
    ALTER COLUMN permission SET NOT NULL,
    DROP COLUMN resource_type,
    DROP COLUMN resource_id,
    DROP COLUMN action;
-- Re-created only if U6 dropped it (a failed 2.0.0 that never reached V6 still has it).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'user_permission_unique'
                   AND conrelid = 'user_permission'::regclass) THEN
        ALTER TABLE user_permission ADD CONSTRAINT user_permission_unique UNIQUE (user_id, permission);
    END IF;
END
$$;
