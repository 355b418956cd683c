package io.lowcode.migrator.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.lowcode.migrator.ModuleSchemas;
import io.lowcode.migrator.engine.Engine;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.MigratorException;
import io.lowcode.migrator.engine.ResourceWatch;
import io.lowcode.migrator.release.Release;
import io.lowcode.migrator.release.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code check}: pre-flight checks, each PASS/WARN/FAIL with its reason. Read-only. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Pre-flight: versions consistent, database size and disk space, connection headroom, no"
                + " critical operation in progress (another migrator, long transactions, lock waits), Kafka and the"
                + " services reachable. Each check PASS, WARN or FAIL with a reason; exit 1 if any FAIL." })
public class CheckCommand implements Callable<Integer> {

    public enum Outcome { PASS, WARN, FAIL }

    public record Result(String name, Outcome outcome, String reason) {
    }

    @Option(names = "--target", paramLabel = "VERSION", description = "release the checks prepare for (default: newest)")
    String target;

    private final Cli cli;

    public CheckCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            List<Result> results = run();
            for (Result r : results) {
                System.out.printf("%-4s %-26s %s%n", r.outcome(), r.name(), r.reason());
            }
            long fails = results.stream().filter(r -> r.outcome() == Outcome.FAIL).count();
            System.out.printf("%d check(s): %d FAIL, %d WARN%n", results.size(), fails,
                    results.stream().filter(r -> r.outcome() == Outcome.WARN).count());
            return fails > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        });
    }

    List<Result> run() throws SQLException {
        List<Result> results = new ArrayList<>();
        Engine engine = cli.engine(null);
        Release goal = engine.resolve(target);
        try {
            engine.checkVersionsKnown();
            engine.verifyReleases(goal.version());
            List<Map.Entry<Release, Step>> pending = engine.pending(goal.version());
            results.add(new Result("versions", Outcome.PASS, "platform at " + engine.platformRelease() + ", "
                    + pending.size() + " step(s) pending to " + goal.version() + ", every release verified"));
        } catch (MigratorException e) {
            results.add(new Result("versions", Outcome.FAIL, e.getMessage()));
        }
        try (Connection c = engine.db().connect(); Statement s = c.createStatement()) {
            long dbSize = one(s, "SELECT pg_database_size(current_database())");
            long touched = 0;
            for (Release r : cli.catalog().releases()) {
                for (String t : r.backupTables()) {
                    touched += PlanCommand.tableBytes(c, t);
                }
            }
            // a backup copy plus the new row versions of a rewrite: about twice the tables a release transforms
            long needed = 2 * touched;
            OptionalLong free = ResourceWatch.freeDisk(c);
            if (free.isEmpty()) {
                results.add(new Result("disk space", Outcome.WARN, String.format("database %,d MB; about %,d MB more"
                        + " needed; free space not visible from this connection (remote server or no"
                        + " pg_read_all_settings): check the volume", dbSize >> 20, needed >> 20)));
            } else {
                results.add(new Result("disk space", free.getAsLong() > 2 * needed ? Outcome.PASS
                        : free.getAsLong() > needed ? Outcome.WARN : Outcome.FAIL, String.format(
                                "database %,d MB, about %,d MB needed, %,d MB free", dbSize >> 20, needed >> 20,
                                free.getAsLong() >> 20)));
            }
            long max = one(s, "SELECT setting::bigint FROM pg_settings WHERE name = 'max_connections'");
            long reserved = one(s, "SELECT setting::bigint FROM pg_settings WHERE name = 'superuser_reserved_connections'");
            long used = one(s, "SELECT count(*) FROM pg_stat_activity");
            long headroom = max - reserved - used;
            results.add(new Result("connection headroom", headroom < 4 ? Outcome.FAIL : headroom < max / 10 ? Outcome.WARN
                    : Outcome.PASS, used + " of " + max + " connections in use, " + headroom + " free (the migrator needs 4)"));
            long locked = one(s, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = "
                    + (0x6F70736D6967L >>> 32) + " AND objid = " + (0x6F70736D6967L & 0xFFFFFFFFL));
            results.add(locked > 0 ? new Result("other migrator", Outcome.FAIL, "another ops-migrator holds the lock")
                    : new Result("other migrator", Outcome.PASS, "none running"));
            if (engine.state().exists()) {
                long interrupted = one(s, "SELECT count(*) FROM ops_migrator.run WHERE status IN ('RUNNING','PAUSED',"
                        + "'INTERRUPTED','FAILED_RESUMABLE') AND run_id = (SELECT max(run_id) FROM ops_migrator.run)");
                results.add(new Result("unfinished migration", interrupted > 0 ? Outcome.WARN : Outcome.PASS,
                        interrupted > 0 ? "the last run did not finish: migrate or resume continues it from its checkpoint"
                                : "the last run finished"));
            }
            long longTx = one(s, "SELECT count(*) FROM pg_stat_activity WHERE xact_start < now() - interval '5 minutes'"
                    + " AND pid <> pg_backend_pid() AND datname = current_database()");
            long waiting = one(s, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND datname = current_database()");
            results.add(new Result("critical operations", longTx > 0 || waiting > 0 ? Outcome.WARN : Outcome.PASS,
                    longTx + " transaction(s) open for more than 5 min, " + waiting + " session(s) waiting for locks"));
            if (one(s, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'portal'"
                    + " AND table_name = 'execution'") > 0) {
                long running = one(s, "SELECT count(*) FROM portal.execution WHERE status = 'RUNNING'");
                // a breaking release interrupts them (old code stops); an additive one lets them finish
                results.add(new Result("running executions", running > 0 ? Outcome.WARN : Outcome.PASS, running > 0
                        ? running + " workflow execution(s) running: a breaking release stops the services they run in;"
                                + " wait, or retire their function units first"
                        : "none running"));
            }
            for (String schema : ModuleSchemas.NAMES) {
                long idle = one(s, "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'"
                        + " AND query ILIKE '%" + schema + ".%'");
                if (idle > 0) {
                    results.add(new Result("idle transactions " + schema, Outcome.WARN, idle
                            + " session(s) idle in a transaction on " + schema + ": they hold locks DDL will wait for"));
                }
            }
        }
        results.add(kafka());
        results.addAll(services());
        return results;
    }

    private static Result kafka() {
        Config config = ConfigProvider.getConfig();
        Optional<String> bootstrap = config.getOptionalValue("kafka.bootstrap.servers", String.class);
        if (bootstrap.isEmpty()) {
            return new Result("kafka", Outcome.WARN, "KAFKA_BOOTSTRAP_SERVERS not set: not checked");
        }
        Properties p = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> p.put(name.substring(6), v));
            }
        }
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(p)) {
            int nodes = admin.describeCluster().nodes().get(6, TimeUnit.SECONDS).size();
            return new Result("kafka", Outcome.PASS, nodes + " broker(s) at " + bootstrap.get());
        } catch (Exception e) {
            return new Result("kafka", Outcome.FAIL, "cannot reach " + bootstrap.get() + ": " + e.getClass().getSimpleName());
        }
    }

    private List<Result> services() {
        Map<String, String> urls = cli.config().healthUrls();
        if (urls.isEmpty()) {
            return List.of(new Result("services", Outcome.WARN, "LOWCODE_MIGRATOR_SERVICES not set: not checked"));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        List<Result> results = new ArrayList<>();
        urls.forEach((name, url) -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/live"))
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                results.add(new Result("service " + name, r.statusCode() == 200 ? Outcome.PASS : Outcome.WARN,
                        url + " live: HTTP " + r.statusCode()));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                results.add(new Result("service " + name, Outcome.WARN, url + " unreachable (" + e.getClass().getSimpleName()
                        + "): its pods may be rolling out"));
            }
        });
        return results;
    }

    private static long one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
