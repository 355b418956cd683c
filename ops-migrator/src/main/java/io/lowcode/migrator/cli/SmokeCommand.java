package io.lowcode.migrator.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lowcode.migrator.MigratorConfig;
import io.lowcode.migrator.engine.ExitCodes;
import io.lowcode.migrator.engine.MigratorException;
import io.lowcode.migrator.smoke.SmokeTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code smoke}: functional checks across the running services after a migration. */
@Command(name = "smoke", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Functional checks against the running services (LOWCODE_MIGRATOR_SERVICES, as an admin from"
                + " LOWCODE_MIGRATOR_SMOKE_USERNAME / _PASSWORD): every service ready; login; a synthetic function unit"
                + " created and published (workstation) -> deployed (admin-center) -> offered (portal) -> retired ->"
                + " withdrawn; then its grant is revoked (the retired unit stays: no API deletes function units).",
                "Exit 0 when all pass, 1 naming the module that failed. Changes data through the APIs only." })
public class SmokeCommand implements Callable<Integer> {

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT0S",
            description = "wait up to this long for every service to be ready first, ISO-8601 (e.g. PT10M: the Job after"
                    + " migrate, while the new pods start); default: no wait")
    Duration wait;

    private final MigratorConfig config;
    private final ObjectMapper json;

    public SmokeCommand(MigratorConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @Override
    public Integer call() {
        return Cli.run(() -> {
            Map<String, String> urls = config.serviceUrls();
            List<String> missing = List.of(SmokeTest.WORKSTATION, SmokeTest.ADMIN_CENTER, SmokeTest.PORTAL).stream()
                    .filter(m -> !urls.containsKey(m)).toList();
            if (!missing.isEmpty()) {
                throw new MigratorException("LOWCODE_MIGRATOR_SERVICES must name " + String.join(", ", missing)
                        + " (name=url,...)", ExitCodes.USAGE);
            }
            String username = config.smoke().username().orElseThrow(() -> new MigratorException(
                    "LOWCODE_MIGRATOR_SMOKE_USERNAME is not set (an admin's login, from a Secret)", ExitCodes.USAGE));
            String password = config.smoke().password().orElseThrow(() -> new MigratorException(
                    "LOWCODE_MIGRATOR_SMOKE_PASSWORD is not set", ExitCodes.USAGE));
            SmokeTest smoke = new SmokeTest(json, urls, config.healthUrls(), config.smoke().timeout(), c -> System.out.printf(
                    "%-4s %-12s %-40s %s (%d ms)%n", c.passed() ? "PASS" : "FAIL", c.module(), c.name(), c.detail(), c.millis()));
            boolean passed = smoke.health(wait) && smoke.flow(username, password);
            smoke.leftBehind().forEach(l -> System.out.println("left behind: " + l));
            List<SmokeTest.Check> failed = smoke.checks().stream().filter(c -> !c.passed()).toList();
            if (!passed || !failed.isEmpty()) {
                throw new MigratorException("smoke failed: " + String.join("; ", failed.stream()
                        .map(c -> c.module() + ": " + c.name() + ": " + c.detail()).toList()), ExitCodes.FAILED);
            }
            System.out.printf("smoke: %d checks passed across workstation, admin-center and portal%n", smoke.checks().size());
            return ExitCodes.OK;
        });
    }
}
