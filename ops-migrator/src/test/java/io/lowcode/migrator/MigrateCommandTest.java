package io.lowcode.migrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.localstack.LocalStack;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * Each launch is a fresh run of the CLI, as ops would run it; the PostgreSQL outlives them all (a
 * Quarkus test resource would be restarted per launch), and reaches the CLI as system properties.
 */
@QuarkusMainTest
class MigrateCommandTest {

    private static LocalStack stack;

    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    @BeforeAll
    static void startPostgres() {
        stack = LocalStack.start(LocalStack.Settings.ephemeral(0));
        System.setProperty(JDBC_URL, stack.postgres().jdbcUrl());
    }

    @AfterAll
    static void stopPostgres() {
        System.clearProperty(JDBC_URL);
        stack.close();
    }

    @Test
    void migrateBringsEveryModuleSchemaToItsTargetAndStatusShowsNothingPending(QuarkusMainLauncher launcher)
            throws Exception {
        LaunchResult before = launcher.launch("status");
        assertThat(before.exitCode()).isZero();
        assertThat(before.getOutput()).containsPattern("workstation\\s+none\\s+13\\s+5");

        LaunchResult migrate = launcher.launch("migrate");
        assertThat(migrate.exitCode()).isZero();
        assertThat(migrate.getOutput()).contains("workstation", "admin_center", "portal");
        assertThat(appliedVersions()).containsExactlyInAnyOrder("admin_center 14", "portal 13", "workstation 13");
        assertThat(tables("workstation")).contains("outbox_event", "inbox_event", "function_unit", "function_unit_version");
        assertThat(tables("admin_center")).contains("outbox_event", "inbox_event", "audit_event");
        assertThat(tables("portal")).contains("outbox_event", "inbox_event", "available_function");

        LaunchResult after = launcher.launch("status");
        assertThat(after.getOutput()).containsPattern("portal\\s+13\\s+13\\s+0").contains("platform release: 2.3.0");

        LaunchResult again = launcher.launch("migrate");
        assertThat(again.exitCode()).isZero();
        assertThat(again.getOutput()).contains("the platform is at 2.3.0: nothing to migrate");
    }

    @Test
    @Launch(value = "no-such-command", exitCode = 2)
    void unknownCommandExitsWithUsageCode(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("no-such-command");
    }

    private static List<String> appliedVersions() throws Exception {
        List<String> versions = new ArrayList<>();
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            for (String schema : List.of("workstation", "admin_center", "portal")) {
                // numerically: as text, "9" sorts after "13"
                try (ResultSet rs = s.executeQuery("SELECT max(version::int) FROM " + schema
                        + ".flyway_schema_history WHERE success AND version IS NOT NULL")) {
                    rs.next();
                    versions.add(schema + " " + rs.getString(1));
                }
            }
        }
        return versions;
    }

    private static List<String> tables(String schema) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                        + schema + "'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }
}
