package io.lowcode.migrator.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.MigratorException;

/**
 * The structure of some schemas as SQL, read from the catalogs (no pg_dump): what must exist before the rows are
 * loaded (schemas, sequences, functions, tables with columns and defaults) and what comes after them (sequence
 * values, constraints with foreign keys last, indexes, triggers, sequence ownership), so loading neither checks
 * constraints row by row nor fires triggers. Names are qualified: the connection must run with
 * {@code search_path = pg_catalog}. Not reproduced: ownership and grants (the restoring role owns everything; the
 * schemas' default privileges give the services theirs), comments. Objects this class cannot write (views,
 * identity or generated columns, partitions) are refused rather than left out.
 *
 * @param before the statements before the data, in order
 * @param after  the statements after the data, in order
 */
public record SchemaDdl(List<String> before, List<String> after) {

    public static SchemaDdl read(Connection c, List<String> schemas) throws SQLException {
        refuseWhatCannotBeWritten(c, schemas);
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (String schema : schemas) {
            before.add("CREATE SCHEMA IF NOT EXISTS " + ident(c, schema));
        }
        before.addAll(strings(c, """
                SELECT format('CREATE SEQUENCE %I.%I AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s CACHE %s%s',
                              schemaname, sequencename, data_type, increment_by, min_value, max_value, start_value,
                              cache_size, CASE WHEN cycle THEN ' CYCLE' ELSE '' END)
                FROM pg_sequences WHERE schemaname = ANY (?) ORDER BY schemaname, sequencename""", schemas));
        before.addAll(strings(c, """
                SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ANY (?) AND p.prokind IN ('f', 'p') ORDER BY n.nspname, p.proname, p.oid""", schemas));
        before.addAll(strings(c, """
                SELECT format('CREATE %sTABLE %I.%I (%s)', CASE WHEN t.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END,
                              n.nspname, t.relname,
                              (SELECT string_agg(format('%I %s%s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                                          CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation
                                               THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END,
                                          CASE WHEN d.adbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid)
                                               ELSE '' END,
                                          CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END), ', ' ORDER BY a.attnum)
                               FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
                               LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                               WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped))
                FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ANY (?) AND t.relkind = 'r' ORDER BY n.nspname, t.relname""", schemas));
        after.addAll(strings(c, """
                SELECT format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, t.relname, con.conname,
                              pg_get_constraintdef(con.oid))
                FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ANY (?) AND con.contype IN ('p', 'u', 'c', 'x', 'f') AND t.relkind = 'r'
                ORDER BY con.contype = 'f', n.nspname, t.relname, con.conname""", schemas));
        after.addAll(strings(c, """
                SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ANY (?) AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                                                          AND con.contype IN ('p', 'u', 'x'))
                ORDER BY n.nspname, t.relname, i.indexrelid::regclass::text""", schemas));
        after.addAll(strings(c, """
                SELECT pg_get_triggerdef(tg.oid) FROM pg_trigger tg JOIN pg_class t ON t.oid = tg.tgrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ANY (?) AND NOT tg.tgisinternal ORDER BY n.nspname, t.relname, tg.tgname""", schemas));
        after.addAll(strings(c, """
                SELECT format('ALTER SEQUENCE %I.%I OWNED BY %I.%I.%I', sn.nspname, s.relname, tn.nspname, t.relname,
                              a.attname)
                FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                JOIN pg_namespace sn ON sn.oid = s.relnamespace
                JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'
                  AND sn.nspname = ANY (?) ORDER BY 1""", schemas));
        return new SchemaDdl(List.copyOf(before), List.copyOf(after));
    }

    /** {@code setval} of every sequence of the schemas to its current value (read after the rows: never behind them). */
    public static List<String> sequenceValues(Connection c, List<String> schemas) throws SQLException {
        List<String> names = strings(c, "SELECT format('%I.%I', schemaname, sequencename) FROM pg_sequences"
                + " WHERE schemaname = ANY (?) ORDER BY 1", schemas);
        List<String> values = new ArrayList<>();
        for (String name : names) {
            try (PreparedStatement ps = c.prepareStatement("SELECT last_value, is_called FROM " + name);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                values.add("SELECT setval('" + name.replace("'", "''") + "', " + rs.getLong(1) + ", " + rs.getBoolean(2) + ")");
            }
        }
        return values;
    }

    private static void refuseWhatCannotBeWritten(Connection c, List<String> schemas) throws SQLException {
        List<String> unsupported = strings(c, """
                SELECT format('%I.%I (%s)', n.nspname, t.relname, CASE t.relkind WHEN 'v' THEN 'view'
                       WHEN 'm' THEN 'materialized view' WHEN 'p' THEN 'partitioned table' WHEN 'f' THEN 'foreign table'
                       ELSE 'kind ' || t.relkind::text END)
                FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ANY (?) AND t.relkind IN ('v', 'm', 'p', 'f')
                UNION ALL
                SELECT format('%I.%I.%I (%s column)', n.nspname, t.relname, a.attname,
                              CASE WHEN a.attidentity <> '' THEN 'identity' ELSE 'generated' END)
                FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ANY (?) AND t.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
                  AND (a.attidentity <> '' OR a.attgenerated <> '')
                UNION ALL
                SELECT format('%I.%I (partition)', n.nspname, t.relname)
                FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ANY (?) AND t.relispartition""", schemas, schemas, schemas);
        if (!unsupported.isEmpty()) {
            throw new MigratorException("the backup cannot write the structure of " + String.join(", ", unsupported),
                    ExitCodes.REFUSED);
        }
    }

    @SafeVarargs
    static List<String> strings(Connection c, String sql, List<String>... arrays) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) {
                ps.setArray(i + 1, c.createArrayOf("text", arrays[i].toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
    }

    private static String ident(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(?)")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
