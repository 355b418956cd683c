package io.lowcode.migrator.validate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lowcode.migrator.ModuleSchemas;
import io.lowcode.migrator.release.BusinessRule;

/**
 * Validation of a database: referential integrity (orphans of every foreign key, also those created NOT VALID or
 * bypassed by disabled triggers), the declared business rules of the platform's release, and the schema checksums;
 * row counts per table are reported, never compared (live traffic moves them).
 */
public final class Validator {

    public record Check(String name, boolean passed, String detail) {
    }

    public record Result(Map<String, Long> rowCounts, Map<String, String> schemaChecksums, List<Check> checks) {

        public boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }

        public List<Check> failures() {
            return checks.stream().filter(c -> !c.passed()).toList();
        }

        /** This result with {@code more} checks added. */
        public Result with(List<Check> more) {
            List<Check> all = new ArrayList<>(checks);
            all.addAll(more);
            return new Result(rowCounts, schemaChecksums, List.copyOf(all));
        }
    }

    private Validator() {
    }

    public static Map<String, Long> rowCounts(Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String schema : ModuleSchemas.NAMES) {
            for (String table : Checksums.tables(c, schema)) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /**
     * Integrity and business rules, never row counts: those move with live traffic. What a release changed is
     * checked row by row by {@link Transformations}.
     */
    public static Result validate(Connection c, List<BusinessRule> rules) throws SQLException {
        Map<String, Long> counts = rowCounts(c);
        List<Check> checks = new ArrayList<>();
        checks.addAll(orphans(c));
        for (BusinessRule rule : rules) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(rule.sql())) {
                rs.next();
                long violations = rs.getLong(1);
                checks.add(new Check("rule: " + rule.name(), violations == 0, violations + " violating row(s)"));
            }
        }
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String schema : ModuleSchemas.NAMES) {
            checksums.put(schema, Checksums.schema(c, schema));
        }
        return new Result(counts, checksums, checks);
    }

    /** One check per foreign key of the module schemas: no child row without its parent. */
    public static List<Check> orphans(Connection c) throws SQLException {
        List<Check> checks = new ArrayList<>();
        List<String[]> fks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT con.conname, cn.nspname || '.' || cr.relname, pn.nspname || '.' || pr.relname,
                       (SELECT string_agg(format('c.%I = p.%I', a.attname, b.attname), ' AND ' ORDER BY k.o)
                        FROM unnest(con.conkey, con.confkey) WITH ORDINALITY k(ck, pk, o)
                        JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.ck
                        JOIN pg_attribute b ON b.attrelid = con.confrelid AND b.attnum = k.pk),
                       (SELECT string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ')
                        FROM unnest(con.conkey) k(ck) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.ck)
                FROM pg_constraint con
                JOIN pg_class cr ON cr.oid = con.conrelid JOIN pg_namespace cn ON cn.oid = cr.relnamespace
                JOIN pg_class pr ON pr.oid = con.confrelid JOIN pg_namespace pn ON pn.oid = pr.relnamespace
                WHERE con.contype = 'f' AND cn.nspname = ANY (?) ORDER BY 2, 1""")) {
            ps.setArray(1, c.createArrayOf("text", ModuleSchemas.NAMES.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fks.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5) });
                }
            }
        }
        for (String[] fk : fks) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + fk[1]
                    + " c WHERE " + fk[4] + " AND NOT EXISTS (SELECT 1 FROM " + fk[2] + " p WHERE " + fk[3] + ")")) {
                rs.next();
                long orphans = rs.getLong(1);
                checks.add(new Check("integrity " + fk[1] + " → " + fk[2] + " (" + fk[0] + ")", orphans == 0,
                        orphans + " orphan(s)"));
            }
        }
        return checks;
    }
}
