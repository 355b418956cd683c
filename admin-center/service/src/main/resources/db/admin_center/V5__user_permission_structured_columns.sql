-- Release 2.0.0, expand (ops-migrator): a direct grant becomes structured columns instead of the string
-- `<resource-type>:<resource-id|*>:<action>`. This script only adds; the old code keeps working.
-- The rows are converted by the migrator's batched data migration (SplitPermissions), never here: one
-- UPDATE over a large table would hold its row locks for the whole statement. V6 contracts.

ALTER TABLE user_permission
    ADD COLUMN resource_type  TEXT,
    ADD COLUMN resource_id    TEXT,
    ADD COLUMN action         TEXT;

-- While both shapes exist, a grant written by the old code (only `permission`) gets its columns too, so the
-- contract step finds every row converted even if writes went on during the data migration.
CREATE FUNCTION user_permission_split() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parts TEXT[];
BEGIN
    IF NEW.permission IS NOT NULL THEN
        parts := regexp_match(NEW.permission, '^([^:]+):(.+):([^:]+)$');
        IF parts IS NOT NULL THEN
            NEW.resource_type := parts[1];
            NEW.resource_id := parts[2];
            NEW.action := parts[3];
        END IF;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER user_permission_split
    BEFORE INSERT OR UPDATE OF permission ON user_permission
    FOR EACH ROW EXECUTE FUNCTION user_permission_split();
