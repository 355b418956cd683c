-- Way back of admin_center V6: `permission` comes back (empty, hence nullable for now) and the structured
-- columns become nullable again; the JoinPermissions data migration then fills `permission` in batches,
-- and U5 restores NOT NULL and the old unique constraint. The structured unique key stays until U5 drops its
-- columns, so no duplicate grant can slip in while both shapes exist.
ALTER TABLE user_permission
    ADD COLUMN permission TEXT,
    DROP CONSTRAINT user_permission_parts,
    ALTER COLUMN resource_type DROP NOT NULL,
    ALTER COLUMN resource_id DROP NOT NULL,
    ALTER COLUMN action DROP NOT NULL;

-- While both shapes exist on the way back, the 2.0 code keeps writing grants in the structured form only: this
-- trigger gives them their string, so U5 finds every row joined even when grants are written during the
-- backward data migration (the mirror of V5's user_permission_split).
CREATE FUNCTION user_permission_join() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.permission IS NULL AND NEW.resource_type IS NOT NULL THEN
        NEW.permission := NEW.resource_type || ':' || NEW.resource_id || ':' || NEW.action;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER user_permission_join
    BEFORE INSERT OR UPDATE OF resource_type, resource_id, action ON user_permission
    FOR EACH ROW EXECUTE FUNCTION user_permission_join();
