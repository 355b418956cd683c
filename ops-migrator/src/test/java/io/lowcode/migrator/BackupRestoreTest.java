package io.lowcode.migrator;

import static io.lowcode.migrator.SampleData.count;
import static io.lowcode.migrator.SampleData.exec;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lowcode.localstack.LocalStack;
import io.lowcode.localstack.PostgresServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * {@code backup}, {@code restore} and the backup {@code migrate} takes before a breaking release, against a real
 * PostgreSQL, each command launched as ops would run it.
 */
@QuarkusMainTest
class BackupRestoreTest {

    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static LocalStack stack;

    @BeforeAll
    static void startPostgres() {
        stack = LocalStack.start(LocalStack.Settings.ephemeral(0));
    }

    @AfterAll
    static void stopPostgres() {
        stack.close();
    }

    @AfterEach
    void forgetDatabase() {
        System.clearProperty(JDBC_URL);
    }

    private static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + stack.postgres().port() + "/" + database;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static void use(String database) throws SQLException {
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        System.setProperty(JDBC_URL, url(database));
    }

    private static LaunchResult ok(QuarkusMainLauncher launcher, String... args) {
        LaunchResult r = launcher.launch(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.getOutput() + "\n" + r.getErrorOutput()).isZero();
        return r;
    }

    /** A used platform at the newest release (2.3.0): sample rows of every release, grants split, configuration set. */
    private static void usedPlatform(QuarkusMainLauncher launcher, String database, Path backups) throws SQLException {
        use(database);
        ok(launcher, "migrate", "--target", "1.2.0");
        try (Connection c = connect(database)) {
            SampleData.fill100(c, 50);
            SampleData.fill110(c, 100, 5_000);
        }
        LaunchResult migrate = ok(launcher, "migrate", "--backup-dir", backups.toString());
        assertThat(migrate.getOutput()).containsPattern("database backup before 2.0.0: \\S+" + database
                + "-r\\d+-before-2.0.0-\\d{8}T\\d{6} \\(to restore: ops-migrator restore --from");
    }

    @Test
    void aVerifiedBackupOfAUsedPlatformRestoresIntoAnEmptyDatabaseWithEveryTableEqual(QuarkusMainLauncher launcher,
            @TempDir Path dir) throws Exception {
        usedPlatform(launcher, "source", dir.resolve("before-releases"));
        try (Connection c = connect("source")) {
            assertThat(count(c, "SELECT count(*) FROM ops_migrator.database_backup WHERE before_release = '2.0.0'"
                    + " AND platform_release = '1.2.0' AND total_rows > 5000")).isEqualTo(1);
        }
        Path backup = dir.resolve("backup");
        LaunchResult written = ok(launcher, "backup", "--output", backup.toString(), "--verify");
        assertThat(written.getOutput()).contains("backup admin_center.user_permission: 5,000 rows",
                "backup verified: restorable", "restore with: ops-migrator restore --from " + backup.toAbsolutePath());
        assertThat(Files.readString(backup.resolve("manifest.json"))).contains("\"platformRelease\" : \"2.3.0\"",
                "\"table\" : \"admin_center.user_permission\"", "\"rows\" : 5000", "\"tool\" : \"ops-migrator ",
                "\"admin_center\" : 14");
        try (Connection c = stack.postgres().connect()) {
            assertThat(count(c, "SELECT count(*) FROM pg_database WHERE datname LIKE 'source_restore_%'"))
                    .as("the scratch database of --verify is gone").isZero();
        }

        use("restored");
        LaunchResult restored = ok(launcher, "restore", "--from", backup.toString());
        assertThat(restored.getOutput()).contains("every row count, table checksum and schema shape equals the manifest");
        try (Connection source = connect("source"); Connection target = connect("restored")) {
            Map<String, String> expected = SampleData.checksums(source);
            assertThat(SampleData.checksums(target)).isEqualTo(expected);
            for (String table : new String[] { "ops_migrator.platform_config", "ops_migrator.applied_step" }) {
                assertThat(count(target, "SELECT count(*) FROM " + table)).isEqualTo(count(source, "SELECT count(*) FROM " + table))
                        .isPositive();
            }
            // sequences continue after the restored rows: a new grant gets a new id
            exec(target, "INSERT INTO admin_center.user_permission (user_id, granted_at, granted_by, resource_type,"
                    + " resource_id, action) VALUES (md5('u1')::uuid, now(), 'admin', 'report', 'after-restore', 'read')");
            assertThat(count(target, "SELECT max(id) FROM admin_center.user_permission")).isEqualTo(5_001);
        }
        assertThat(ok(launcher, "status").getOutput()).contains("platform release: 2.3.0", "pending steps: 0");
        assertThat(ok(launcher, "validate").getOutput()).contains("valid");

        System.setProperty(JDBC_URL, url("source"));
        ok(launcher, "report", "--output", dir.toString());
        assertThat(Files.readString(dir.resolve("ops-migrator-report.md"))).contains("## How to restore",
                "ops-migrator restore --from " + backup.toAbsolutePath(), "## Database backups");
    }

    @Test
    void restoreRefusesADatabaseThatIsNotEmptyAndKeepsNothingOfABackupThatDoesNotMatchItsManifest(
            QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        usedPlatform(launcher, "used", dir.resolve("before-releases"));
        Path backup = dir.resolve("backup");
        ok(launcher, "backup", "--output", backup.toString());

        LaunchResult refused = launcher.launch("restore", "--from", backup.toString());
        assertThat(refused.exitCode()).isEqualTo(5);
        assertThat(refused.getErrorOutput()).contains("the database is not empty (", "restore goes into an empty database");

        LaunchResult notEmptyDir = launcher.launch("backup", "--output", backup.toString());
        assertThat(notEmptyDir.exitCode()).isEqualTo(5);
        assertThat(notEmptyDir.getErrorOutput()).contains("is not empty: a backup goes into a new directory");

        // a manifest that no longer matches its data (tampered, or the wrong files copied next to it)
        Path manifest = backup.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"checksum\" : \"5000:[0-9a-f]{32}\"",
                "\"checksum\" : \"5000:0123456789abcdef0123456789abcdef\""));
        use("tampered");
        LaunchResult mismatch = launcher.launch("restore", "--from", backup.toString());
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.getErrorOutput()).contains("the restore does not match the backup, nothing was kept:"
                + " admin_center.user_permission 5000:");
        try (Connection c = connect("tampered")) {
            assertThat(count(c, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('workstation', 'admin_center',"
                    + " 'portal', 'ops_migrator')")).isZero();
        }
    }
}
