package io.lowcode.migrator.cli;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import io.lowcode.migrator.ModuleSchemas;
import io.lowcode.migrator.engine.BatchRunner;
import io.lowcode.migrator.engine.Db;
import io.lowcode.migrator.engine.Engine;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.MigratorException;
import io.lowcode.migrator.engine.Progress;
import io.lowcode.migrator.engine.ResourceWatch;
import io.lowcode.migrator.engine.ScratchDatabase;
import io.lowcode.migrator.release.Release;
import io.lowcode.migrator.release.ReleaseCatalog;
import io.lowcode.migrator.validate.Checksums;
import io.lowcode.migrator.validate.Validator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code verify-rollback}: on a scratch database (created and dropped by the command) at the release before
 * {@code R}, holding a copy of the platform's rows when the platform is at that release: apply R, roll it
 * back, compare every table and schema with before, apply R again and validate.
 */
@Command(name = "verify-rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Applies a release, rolls it back and re-applies it on a scratch copy of the database (a new"
                + " database next to it, dropped afterwards; the rows are copied when the platform is at the release"
                + " before); fails unless every table and schema is identical after the rollback and the re-applied"
                + " release validates. Needs CREATEDB.")
public class VerifyRollbackCommand implements Callable<Integer> {

    @Option(names = "--release", paramLabel = "VERSION", description = "release to verify (default: the next pending one)")
    String release;

    private final Cli cli;

    public VerifyRollbackCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            ReleaseCatalog catalog = cli.catalog();
            Engine platform = cli.engine(null);
            String current = platform.platformRelease();
            Release r = release != null ? platform.resolve(release)
                    : catalog.releases().get(Math.min(catalog.indexOf(current) + 1, catalog.releases().size() - 1));
            int index = catalog.indexOf(r.version());
            if (index == 0) {
                throw new MigratorException("release " + r.version() + " is the baseline: it has no way back", ExitCodes.REFUSED);
            }
            String before = catalog.releases().get(index - 1).version();
            ScratchDatabase scratchDb = ScratchDatabase.create(cli.dataSource(), "verify");
            String scratch = scratchDb.name();
            DataSource ds = scratchDb.dataSource();
            Progress progress = Progress.forConsole(null);
            try {
                Engine engine = new Engine(new Db("scratch " + scratch, ds, cli.schemas()), catalog, progress,
                        ResourceWatch.Limits.none());
                BatchRunner.Options options = BatchRunner.Options.defaults().withoutPause();
                progress.say("scratch database %s: bringing it to %s", scratch, before);
                expect(engine.migrate(before, options), "migrate the scratch copy to " + before);
                if (current.equals(before)) {
                    copyRows(cli.dataSource(), ds);
                } else {
                    progress.say("the platform is at %s, not %s: verifying on the schema without its rows", current, before);
                }
                Map<String, String> sums = checksums(ds);
                expect(engine.migrate(r.version(), options), "apply " + r.version());
                expect(engine.rollback(before, true, options), "roll back " + r.version());
                Map<String, String> after = checksums(ds);
                List<String> differences = new ArrayList<>();
                sums.forEach((k, v) -> {
                    if (!v.equals(after.get(k))) {
                        differences.add(k);
                    }
                });
                after.keySet().stream().filter(k -> !sums.containsKey(k)).forEach(differences::add);
                if (!differences.isEmpty()) {
                    throw new MigratorException("rollback of " + r.version() + " is not exact: " + differences, ExitCodes.FAILED);
                }
                progress.say("rollback of %s restored %d tables and schemas exactly", r.version(), sums.size());
                expect(engine.migrate(r.version(), options), "re-apply " + r.version());
                try (Connection c = ds.getConnection()) {
                    Validator.Result v = Validator.validate(c, catalog.rulesAt(r.version()));
                    if (!v.passed()) {
                        throw new MigratorException("re-applied " + r.version() + " does not validate: " + v.failures(),
                                ExitCodes.FAILED);
                    }
                }
                System.out.printf("verify-rollback %s: PASS (apply, roll back to %s: identical, re-apply: valid)%n",
                        r.version(), before);
                return ExitCodes.OK;
            } finally {
                scratchDb.close();
            }
        });
    }

    private static void expect(int code, String what) {
        if (code != ExitCodes.OK) {
            throw new MigratorException("verify-rollback: " + what + " ended with exit code " + code, ExitCodes.FAILED);
        }
    }

    private static Map<String, String> checksums(javax.sql.DataSource ds) throws Exception {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection c = ds.getConnection()) {
            for (String schema : ModuleSchemas.NAMES) {
                sums.put("schema " + schema, Checksums.schema(c, schema));
                for (String table : Checksums.tables(c, schema)) {
                    sums.put(table, Checksums.table(c, table));
                }
            }
        }
        return sums;
    }

    /** Every module table's rows, parents before children, with COPY. */
    private static void copyRows(javax.sql.DataSource from, javax.sql.DataSource to) throws Exception {
        try (Connection src = from.getConnection(); Connection dst = to.getConnection()) {
            for (String table : parentsFirst(src)) {
                PipedInputStream in = new PipedInputStream(1 << 16);
                PipedOutputStream out = new PipedOutputStream(in);
                PGConnection s = src.unwrap(PGConnection.class);
                PGConnection d = dst.unwrap(PGConnection.class);
                CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                    try (out) {
                        return s.getCopyAPI().copyOut("COPY " + table + " TO STDOUT (FORMAT binary)", out);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                d.getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT binary)", in);
                reader.join();
            }
        }
    }

    private static List<String> parentsFirst(Connection c) throws Exception {
        List<String> tables = new ArrayList<>();
        for (String schema : ModuleSchemas.NAMES) {
            tables.addAll(Checksums.tables(c, schema));
        }
        Map<String, List<String>> parents = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT cn.nspname || '.' || cr.relname, pn.nspname || '.' || pr.relname FROM pg_constraint con
                JOIN pg_class cr ON cr.oid = con.conrelid JOIN pg_namespace cn ON cn.oid = cr.relnamespace
                JOIN pg_class pr ON pr.oid = con.confrelid JOIN pg_namespace pn ON pn.oid = pr.relnamespace
                WHERE con.contype = 'f'""")) {
            while (rs.next()) {
                parents.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < tables.size()) {
            for (String t : tables) {
                if (!ordered.contains(t) && parents.getOrDefault(t, List.of()).stream()
                        .allMatch(p -> p.equals(t) || ordered.contains(p) || !tables.contains(p))) {
                    ordered.add(t);
                }
            }
        }
        return ordered;
    }
}
