package io.lowcode.migrator.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Release 2.0.0: {@code user_permission.permission} ({@code <resource-type>:<resource-id|*>:<action>})
 * into {@code resource_type}, {@code resource_id}, {@code action}. The resource id may itself contain
 * {@code :}; type and action may not. One statement per batch: the rows of the key range are parsed once,
 * where they are updated; if any of them is malformed the batch is rolled back and the run stops naming it.
 */
public final class SplitPermissions implements BatchedMigration {

    static final String PATTERN = "^([^:]+):(.+):([^:]+)$";

    private final String schema;

    public SplitPermissions(String schema) {
        this.schema = schema;
    }

    @Override
    public String name() {
        return "split-permissions";
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public String table() {
        return "user_permission";
    }

    @Override
    public String key() {
        return "id";
    }

    @Override
    public String qualifiedTable() {
        return schema + ".user_permission";
    }

    @Override
    public String batchSql() {
        // One pass over the key range, no self-join: each row is parsed where it is updated. A malformed
        // string leaves its columns NULL and is reported; the runner then rolls the whole batch back.
        return """
                WITH upd AS (
                    UPDATE %1$s SET (resource_type, resource_id, action) =
                        (SELECT m[1], m[2], m[3] FROM regexp_match(permission, '%2$s') m)
                    WHERE id > ? AND id <= ? AND resource_type IS NULL
                    RETURNING id, permission, resource_type)
                SELECT (SELECT min(id) FROM upd WHERE resource_type IS NULL),
                       (SELECT permission FROM upd WHERE resource_type IS NULL ORDER BY id LIMIT 1),
                       (SELECT count(*) FROM upd)"""
                .formatted(qualifiedTable(), PATTERN);
    }

    @Override
    public long apply(Connection c, long lowerExclusive, long upperInclusive) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(batchSql())) {
            ps.setLong(1, lowerExclusive);
            ps.setLong(2, upperInclusive);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long badId = rs.getLong(1);
                if (!rs.wasNull()) {
                    throw new InvalidRowException("user_permission id " + badId + ": permission '" + rs.getString(2)
                            + "' is not <resource-type>:<resource-id|*>:<action>");
                }
                return rs.getLong(3);
            }
        }
    }

    @Override
    public String remainingSql() {
        return "SELECT count(*) FROM " + qualifiedTable() + " WHERE resource_type IS NULL";
    }

    @Override
    public String sourceForm(String alias) {
        return alias + ".permission";
    }

    @Override
    public String targetForm(String alias) {
        return alias + ".resource_type || ':' || " + alias + ".resource_id || ':' || " + alias + ".action";
    }
}
