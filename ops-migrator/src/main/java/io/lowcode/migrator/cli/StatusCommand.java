package io.lowcode.migrator.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.lowcode.migrator.ModuleSchemas;
import io.lowcode.migrator.engine.Db;
import io.lowcode.migrator.engine.Engine;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.release.Release;
import io.lowcode.migrator.release.Step;
import picocli.CommandLine.Command;

/** {@code status}: platform release and per-schema versions against this migrator's target; pending steps. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the platform's release and each schema's version against the target bundled in this"
                + " migrator, the pending steps, and the progress of the last run. Read-only.")
public class StatusCommand implements Callable<Integer> {

    private final Cli cli;

    public StatusCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            Engine engine = cli.engine(null);
            Db db = engine.db();
            String target = cli.catalog().latest().version();
            Map<String, Integer> targets = cli.catalog().schemaVersionsAt(target);
            System.out.printf("platform release: %s, target: %s%n", engine.platformRelease(), target);
            System.out.printf("%-14s %-9s %-9s %s%n", "SCHEMA", "CURRENT", "TARGET", "PENDING");
            for (String schema : ModuleSchemas.NAMES) {
                int v = db.version(schema);
                int pending = db.flyway(schema, null).info().pending().length;
                System.out.printf("%-14s %-9s %-9s %d%n", schema, v == 0 ? "none" : Integer.toString(v),
                        targets.get(schema), pending);
            }
            List<Map.Entry<Release, Step>> steps = engine.pending(target);
            System.out.printf("pending steps: %d%n", steps.size());
            for (Map.Entry<Release, Step> e : steps) {
                System.out.printf("  %-7s %-6s %s%n", e.getKey().version(), e.getValue().kind(), e.getValue().id());
            }
            if (engine.state().exists()) {
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("""
                            SELECT run_id, command, from_release, to_release, status, started_at, ended_at, reason
                            FROM ops_migrator.run ORDER BY run_id DESC LIMIT 1""")) {
                        if (rs.next()) {
                            System.out.printf("last run: %d %s %s -> %s %s (started %s%s)%s%n", rs.getLong(1),
                                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6),
                                    rs.getTimestamp(7) == null ? "" : ", ended " + rs.getTimestamp(7),
                                    rs.getString(8) == null ? "" : ": " + rs.getString(8));
                        }
                    }
                    try (ResultSet rs = s.executeQuery("""
                            SELECT step_id, direction, rows_done, rows_total, last_key, updated_at FROM ops_migrator.checkpoint
                            WHERE step_id NOT IN (SELECT step_id FROM ops_migrator.applied_step) ORDER BY updated_at""")) {
                        while (rs.next()) {
                            System.out.printf("checkpoint: %s %s %,d/%,d rows, last key %d (%s)%n", rs.getString(1),
                                    rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getTimestamp(6));
                        }
                    }
                }
                if (engine.state().pauseRequested()) {
                    System.out.println("pause requested: `resume` continues");
                }
            }
            return ExitCodes.OK;
        });
    }
}
