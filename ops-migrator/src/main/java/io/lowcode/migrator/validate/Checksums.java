package io.lowcode.migrator.validate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checksums that do not depend on physical column order (a column dropped and re-added comes back last):
 * a table's rows are hashed with their columns sorted by name, in primary-key order; a schema's shape is
 * hashed from its columns (name, type, nullability, default), constraints, indexes and triggers, sorted (the
 * migrator's own change-log triggers, {@code ops_migrator_*}, are not part of a schema's shape).
 */
public final class Checksums {

    private Checksums() {
    }

    /** {@code schema.table} → md5 over its rows; "absent" when the table does not exist. */
    public static String table(Connection c, String qualified) throws SQLException {
        String[] parts = qualified.split("\\.");
        List<String> columns = columns(c, parts[0], parts[1]);
        if (columns.isEmpty()) {
            return "absent";
        }
        return hash(c, qualified, columns, primaryKey(c, parts[0], parts[1]));
    }

    /** The checksum of a copy whose rows are ordered like {@code source} (a backup table has no primary key). */
    public static String copy(Connection c, String copy, String source) throws SQLException {
        String[] s = source.split("\\.");
        String[] t = copy.split("\\.");
        return hash(c, copy, columns(c, t[0], t[1]), primaryKey(c, s[0], s[1]));
    }

    private static String hash(Connection c, String qualified, List<String> columns, List<String> order)
            throws SQLException {
        String[] parts = qualified.split("\\.");
        String row = row("t", columns);
        String orderBy = order.isEmpty() ? row : String.join(", ", order.stream().map(k -> "t." + quote(k)).toList());
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) || ':' || coalesce(md5(string_agg(md5(" + row
                + "), '' ORDER BY " + orderBy + ")), '-') FROM " + quote(parts[0]) + "." + quote(parts[1]) + " t");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The SQL text of one row of {@code alias} over {@code columns} (in that order), NULL distinct from ''. */
    public static String row(String alias, List<String> columns) {
        return "concat_ws('|', " + String.join(", ", columns.stream()
                .map(col -> "quote_nullable(" + alias + "." + quote(col) + "::text)").toList()) + ")";
    }

    /** The column names of {@code schema.table}, sorted by name; empty when the table does not exist. */
    public static List<String> columns(Connection c, String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?
                ORDER BY column_name""")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    public static List<String> primaryKey(Connection c, String schema, String table) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname FROM pg_index i
                JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) ON true
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = to_regclass(quote_ident(?) || '.' || quote_ident(?)) AND i.indisprimary
                ORDER BY k.ord""")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }

    /** md5 over the schema's shape, the Flyway history table excluded. */
    public static String schema(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT coalesce(md5(string_agg(line, E'\\n' ORDER BY line)), 'empty') FROM (
                    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' '
                           || is_nullable || ' ' || coalesce(column_default, '') AS line
                    FROM information_schema.columns WHERE table_schema = ? AND table_name <> 'flyway_schema_history'
                    UNION ALL
                    SELECT 'constraint ' || rel.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid)
                    FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
                    JOIN pg_namespace n ON n.oid = rel.relnamespace
                    WHERE n.nspname = ? AND rel.relname <> 'flyway_schema_history'
                    UNION ALL
                    SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes
                    WHERE schemaname = ? AND tablename <> 'flyway_schema_history'
                    UNION ALL
                    SELECT 'trigger ' || t.tgname || ' ' || pg_get_triggerdef(t.oid) FROM pg_trigger t
                    JOIN pg_class rel ON rel.oid = t.tgrelid JOIN pg_namespace n ON n.oid = rel.relnamespace
                    WHERE n.nspname = ? AND NOT t.tgisinternal AND t.tgname NOT LIKE 'ops\\_migrator\\_%'
                ) shape""")) {
            for (int i = 1; i <= 4; i++) {
                ps.setString(i, schema);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The base tables of a schema, Flyway's history excluded, sorted. */
    public static List<String> tables(Connection c, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'
                AND table_name <> 'flyway_schema_history' ORDER BY table_name""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(schema + "." + rs.getString(1));
                }
            }
        }
        return tables;
    }

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
