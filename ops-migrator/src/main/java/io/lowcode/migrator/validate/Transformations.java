package io.lowcode.migrator.validate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.lowcode.migrator.data.BatchedMigration;
import io.lowcode.migrator.engine.ChangeLog;
import io.lowcode.migrator.engine.EngineState.BackupInfo;
import io.lowcode.migrator.validate.Validator.Check;

/**
 * What a data step (or its way back) changed, checked row by row against a copy taken before it, while the
 * application keeps writing: never whole-table counts. A row the application wrote after the copy (its
 * {@link ChangeLog}) is not compared, and counted as information.
 */
public final class Transformations {

    private Transformations() {
    }

    /**
     * Every row of {@code copy} that had something to transform ({@code sourceForm} not NULL) is still in the table,
     * with {@code targetForm(now) = sourceForm(copy)}: none lost, none wrong.
     */
    public static Check transformed(Connection c, String step, BatchedMigration m, BackupInfo copy) throws SQLException {
        String key = Checksums.quote(m.key());
        String written = written(m.qualifiedTable(), "c." + key, copy);
        String rows = "SELECT c." + key + " AS k, t." + key + " AS present, (" + m.sourceForm("c") + ") AS before, ("
                + m.targetForm("t") + ") AS after, " + written + " AS written FROM " + copy.backup() + " c LEFT JOIN "
                + m.qualifiedTable() + " t ON t." + key + " = c." + key + " WHERE (" + m.sourceForm("c") + ") IS NOT NULL";
        long total;
        long lost;
        long wrong;
        long byOthers;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*),"
                + " count(*) FILTER (WHERE NOT written AND present IS NULL),"
                + " count(*) FILTER (WHERE NOT written AND present IS NOT NULL AND after IS DISTINCT FROM before),"
                + " count(*) FILTER (WHERE written) FROM (" + rows + ") x")) {
            rs.next();
            total = rs.getLong(1);
            lost = rs.getLong(2);
            wrong = rs.getLong(3);
            byOthers = rs.getLong(4);
        }
        String detail = String.format(Locale.ROOT, "%,d row(s) of the copy %s: %,d in the new form, %,d lost, %,d wrong;"
                + " %,d written by the application since (information, not compared)", total, copy.backup(),
                total - lost - wrong - byOthers, lost, wrong, byOthers);
        if (lost + wrong > 0) {
            detail += "; e.g. " + String.join(", ", examples(c, "SELECT k || CASE WHEN present IS NULL THEN ' lost'"
                    + " ELSE ': ' || quote_nullable(after) || ' instead of ' || quote_nullable(before) END FROM (" + rows
                    + ") x WHERE NOT written AND (present IS NULL OR after IS DISTINCT FROM before) ORDER BY k LIMIT 3"));
        }
        return new Check("transformed " + step, lost + wrong == 0, detail);
    }

    /** No row is left for {@code m} to transform (its {@code remainingSql} counts none). */
    public static Check noneLeft(Connection c, String step, BatchedMigration m) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(m.remainingSql())) {
            rs.next();
            long left = rs.getLong(1);
            return new Check("none left " + step, left == 0, left + " row(s) of " + m.qualifiedTable() + " untransformed");
        }
    }

    /**
     * After a rollback: every row of the table equals its backup (taken before the release), except rows the
     * application wrote since, which are reported as information. A row that differs although nobody wrote it
     * means the way back did not restore it.
     */
    public static Check sameAsBackup(Connection c, BackupInfo backup) throws SQLException {
        String[] t = backup.source().split("\\.");
        String[] b = backup.backup().split("\\.");
        List<String> columns = new ArrayList<>(Checksums.columns(c, b[0], b[1]));
        if (columns.isEmpty()) {
            return new Check("backup " + backup.source(), true, "its backup " + backup.backup()
                    + " is not in this database (restored elsewhere or dropped): not compared");
        }
        columns.retainAll(Checksums.columns(c, t[0], t[1]));
        String key = Checksums.quote(ChangeLog.singleKey(c, backup.source()));
        String differing = "SELECT coalesce(b.k, t.k) AS k FROM (SELECT " + key + " AS k, md5(" + Checksums.row("x", columns)
                + ") AS h FROM " + backup.backup() + " x) b FULL JOIN (SELECT " + key + " AS k, md5("
                + Checksums.row("x", columns) + ") AS h FROM " + backup.source() + " x) t ON t.k = b.k"
                + " WHERE b.k IS NULL OR t.k IS NULL OR b.h <> t.h";
        String written = written(backup.source(), "d.k", backup);
        long explained;
        long unexplained;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE " + written
                + "), count(*) FILTER (WHERE NOT " + written + ") FROM (" + differing + ") d")) {
            rs.next();
            explained = rs.getLong(1);
            unexplained = rs.getLong(2);
        }
        if (unexplained > 0) {
            return new Check("backup " + backup.source(), false, String.format(Locale.ROOT, "%,d row(s) differ from the"
                    + " backup %s although nobody wrote them since (keys %s): the way back did not restore them",
                    unexplained, backup.backup(), String.join(", ", examples(c, "SELECT d.k::text FROM (" + differing
                            + ") d WHERE NOT " + written + " ORDER BY 1 LIMIT 3"))));
        }
        return new Check("backup " + backup.source(), true, explained == 0 ? "identical to its backup " + backup.backup()
                : String.format(Locale.ROOT, "%,d row(s) differ from the backup %s, all written by the application since"
                        + " (information: the transformation checks above cover them)", explained, backup.backup()));
    }

    private static String written(String table, String keyExpression, BackupInfo copy) {
        // a copy made by an older migrator has no snapshot: nothing counts as written by others (strict)
        return copy.snapshot() == null ? "false" : ChangeLog.writtenAfter(table, keyExpression, copy.snapshot());
    }

    private static List<String> examples(Connection c, String sql) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }
}
