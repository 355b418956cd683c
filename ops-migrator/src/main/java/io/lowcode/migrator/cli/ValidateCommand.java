package io.lowcode.migrator.cli;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Callable;

import io.lowcode.migrator.engine.Engine;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.validate.Checksums;
import io.lowcode.migrator.validate.Validator;
import picocli.CommandLine.Command;

/** {@code validate}: row counts, referential integrity, the business rules of the current release, checksums. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validates the database as it is: row counts per table, referential integrity (no orphans),"
                + " the business rules declared for the platform's release, schema and table checksums. Exit 1 if a"
                + " check fails. Read-only.")
public class ValidateCommand implements Callable<Integer> {

    private final Cli cli;

    public ValidateCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            Engine engine = cli.engine(null);
            String release = engine.platformRelease();
            try (Connection c = engine.db().connect()) {
                Validator.Result result = Validator.validate(c, release.equals(Engine.NONE) ? java.util.List.of()
                        : cli.catalog().rulesAt(release));
                System.out.printf("platform release %s%n", release);
                for (Map.Entry<String, Long> e : result.rowCounts().entrySet()) {
                    System.out.printf("rows %-40s %,12d  %s%n", e.getKey(), e.getValue(), Checksums.table(c, e.getKey()));
                }
                result.schemaChecksums().forEach((s, sum) -> System.out.printf("schema %-14s %s%n", s, sum));
                for (Validator.Check check : result.checks()) {
                    System.out.printf("%-4s %s: %s%n", check.passed() ? "PASS" : "FAIL", check.name(), check.detail());
                }
                System.out.println(result.passed() ? "valid" : "INVALID: " + result.failures().size() + " check(s) failed");
                return result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
            }
        });
    }
}
