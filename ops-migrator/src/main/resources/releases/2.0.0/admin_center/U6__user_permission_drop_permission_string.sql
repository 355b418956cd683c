-- Way back of admin_center V6: `permission` comes back (empty, hence nullable for now) and the structured
-- columns become nullable again; the JoinPermissions data migration then fills `permission` in batches,
-- and U5 restores NOT NULL and the old unique constraint.
ALTER TABLE user_permission
    ADD COLUMN permission TEXT,
    DROP CONSTRAINT user_permission_resource_unique,
    DROP CONSTRAINT user_permission_parts,
    ALTER COLUMN resource_type DROP NOT NULL,
    ALTER COLUMN resource_id DROP NOT NULL,
    ALTER COLUMN action DROP NOT NULL;
