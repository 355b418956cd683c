package io.lowcode.admincenter.ops.migration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.ops.Migrations;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the migrator's tables ({@code ops_migrator.run}, {@code step_run}, {@code report}) and each module schema's
 * Flyway history, never writing: whatever the admin center's role may not read is reported as such, not an error.
 */
@ApplicationScoped
public class MigrationHistory {

    static final List<String> SCHEMAS = List.of("workstation", "admin_center", "portal");
    static final int RUNS = 10;

    private final Pool pool;

    public MigrationHistory(Pool pool) {
        this.pool = pool;
    }

    public Uni<Migrations> read() {
        return readable("ops_migrator.run").flatMap(readable -> {
            if (!readable) {
                return schemas().map(schemas -> new Migrations(false, null, schemas, List.of(), null));
            }
            return Uni.combine().all().unis(schemas(), release(), runs(), report())
                    .with((schemas, release, runs, report) -> new Migrations(true, release, schemas, runs, report));
        });
    }

    private Uni<Boolean> readable(String table) {
        return pool.preparedQuery("SELECT to_regclass($1) IS NOT NULL AND has_table_privilege(to_regclass($1), 'SELECT')")
                .execute(Tuple.of(table)).map(rows -> rows.iterator().next().getBoolean(0));
    }

    private Uni<List<Migrations.SchemaVersion>> schemas() {
        List<Uni<Migrations.SchemaVersion>> versions = new ArrayList<>();
        for (String schema : SCHEMAS) {
            String table = schema + ".flyway_schema_history";
            versions.add(readable(table).flatMap(ok -> !ok ? Uni.createFrom().item(new Migrations.SchemaVersion(schema, null))
                    : pool.query("SELECT max(version::int) FROM " + table + " WHERE success").execute()
                            .map(rows -> new Migrations.SchemaVersion(schema, rows.iterator().next().getInteger(0)))));
        }
        return Uni.join().all(versions).andFailFast();
    }

    private Uni<String> release() {
        return pool.query("SELECT to_release FROM ops_migrator.run WHERE status = 'SUCCEEDED' AND command IN "
                        + "('migrate', 'resume', 'rollback') ORDER BY run_id DESC LIMIT 1").execute()
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    private Uni<List<Migrations.Run>> runs() {
        return pool.query("SELECT * FROM ops_migrator.run ORDER BY run_id DESC LIMIT " + RUNS).execute()
                .flatMap(runs -> pool.query("SELECT * FROM ops_migrator.step_run WHERE run_id IN (SELECT run_id FROM "
                        + "ops_migrator.run ORDER BY run_id DESC LIMIT " + RUNS + ") ORDER BY id").execute()
                        .map(steps -> {
                            Map<Long, List<Migrations.Step>> byRun = new LinkedHashMap<>();
                            for (Row s : steps) {
                                Long done = s.getLong("rows_done");
                                Long total = s.getLong("rows_total");
                                byRun.computeIfAbsent(s.getLong("run_id"), r -> new ArrayList<>()).add(new Migrations.Step(
                                        s.getString("release"), s.getString("step_id"), s.getString("kind"),
                                        s.getString("direction"), s.getString("status"), instant(s, "started_at"),
                                        instant(s, "ended_at"), done, total, s.getDouble("rows_per_second"),
                                        done == null || total == null || total == 0 ? null
                                                : Math.min(1.0, (double) done / total), s.getString("reason")));
                            }
                            List<Migrations.Run> result = new ArrayList<>();
                            for (Row r : runs) {
                                long id = r.getLong("run_id");
                                result.add(new Migrations.Run(id, r.getString("command"), r.getString("from_release"),
                                        r.getString("to_release"), r.getString("status"), instant(r, "started_at"),
                                        instant(r, "ended_at"), r.getString("reason"), r.getString("host"),
                                        byRun.getOrDefault(id, List.of())));
                            }
                            return result;
                        }));
    }

    private Uni<Migrations.Report> report() {
        return readable("ops_migrator.report").flatMap(ok -> !ok ? Uni.createFrom().<Migrations.Report>nullItem()
                : pool.query("SELECT created_at, platform_release, valid, markdown FROM ops_migrator.report "
                        + "ORDER BY id DESC LIMIT 1").execute().map(rows -> {
                            if (rows.size() == 0) {
                                return null;
                            }
                            Row r = rows.iterator().next();
                            return new Migrations.Report(instant(r, "created_at"), r.getString("platform_release"),
                                    r.getBoolean("valid"), r.getString("markdown"));
                        }));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
