package io.lowcode.migrator.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Release 2.0.0: {@code user_permission.permission} ({@code <resource-type>:<resource-id|*>:<action>})
 * into {@code resource_type}, {@code resource_id}, {@code action}. The resource id may itself contain
 * {@code :}; type and action may not. One statement per batch: the rows of the key range are parsed once,
 * and if any of them is malformed nothing is updated and the run stops naming that row.
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
        return """
                WITH src AS (
                    SELECT id, permission, regexp_match(permission, '%2$s') AS m
                    FROM %1$s WHERE id > ? AND id <= ? AND resource_type IS NULL),
                bad AS (SELECT id, permission FROM src WHERE m IS NULL ORDER BY id LIMIT 1),
                upd AS (
                    UPDATE %1$s p SET resource_type = src.m[1], resource_id = src.m[2], action = src.m[3]
                    FROM src WHERE p.id = src.id AND src.m IS NOT NULL AND NOT EXISTS (SELECT 1 FROM bad)
                    RETURNING 1)
                SELECT (SELECT id FROM bad), (SELECT permission FROM bad), (SELECT count(*) FROM upd)"""
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
}
