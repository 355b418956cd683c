package io.lowcode.migrator.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The way back of {@link SplitPermissions}: {@code permission = resource_type:resource_id:action} for rows
 * whose string is missing (after the down script of V6 re-added the column). Lossless because V6's check
 * keeps {@code :} out of type and action. Rows that still have their string (a 2.0.0 that failed before its
 * contract step) are left alone.
 */
public final class JoinPermissions implements BatchedMigration {

    private final String schema;

    public JoinPermissions(String schema) {
        this.schema = schema;
    }

    @Override
    public String name() {
        return "join-permissions";
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
        return ("UPDATE %s SET permission = resource_type || ':' || resource_id || ':' || action"
                + " WHERE id > ? AND id <= ? AND permission IS NULL").formatted(qualifiedTable());
    }

    @Override
    public long apply(Connection c, long lowerExclusive, long upperInclusive) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(batchSql())) {
            ps.setLong(1, lowerExclusive);
            ps.setLong(2, upperInclusive);
            return ps.executeUpdate();
        }
    }

    @Override
    public String remainingSql() {
        return "SELECT count(*) FROM " + qualifiedTable() + " WHERE permission IS NULL";
    }

    @Override
    public String sourceForm(String alias) {
        return alias + ".resource_type || ':' || " + alias + ".resource_id || ':' || " + alias + ".action";
    }

    @Override
    public String targetForm(String alias) {
        return alias + ".permission";
    }
}
