package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.localstack.FreePorts;
import io.restassured.http.ContentType;

/**
 * Backup and restore as ops do it: {@code ops-migrator backup --verify} of the used shared platform, then on a fresh
 * data directory {@code ./platform migrator restore --from DIR} (the script, which starts PostgreSQL there for the
 * run) and the platform started on it as {@code ./platform up} does: the same users log in and hold the same grants,
 * in the admin center and in the portal. The first admin's credentials go along with the backup (a Secret in
 * production, {@code admin-credentials.properties} here): the restored database holds that admin's password hash.
 */
class BackupRestoreIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    @Test
    void aVerifiedBackupRestoredIntoAFreshDataDirectoryServesTheSameUsersWithTheSameGrants(@TempDir Path dir)
            throws Exception {
        RunningPlatform used = RunningPlatform.shared();
        List<RunningPlatform.User> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RunningPlatform.User user = used.newUser("restore-" + i, List.of(Roles.USER));
            for (String permission : List.of("report:r" + i + ":read", "workflow:*:run")) {
                used.asAdmin(used.adminCenter()).contentType(ContentType.JSON).body(Map.of("permission", permission))
                        .post("/api/v1/users/" + user.id() + "/permissions").then().statusCode(201);
            }
            users.add(user);
        }
        for (RunningPlatform.User user : users) { // the portal's permission cache has them too, before the backup
            await().atMost(PROPAGATION).until(() -> portalPermissions(used, user).contains("workflow:*:run"));
        }
        Path backup = dir.resolve("backup");
        MigratorCli.Result written = MigratorCli.run(used.platform(), "backup", "--output", backup.toString(), "--verify")
                .expect(0);
        assertThat(written.output()).contains("backup verified: restorable, every table and schema equal to the manifest");

        Path fresh = Files.createTempDirectory("lowcode-e2e-restored-");
        Files.copy(used.dataDirectory().resolve("admin-credentials.properties"),
                fresh.resolve("admin-credentials.properties"));
        String restore = platformScript(fresh, "--postgres-port", FreePorts.take(1).get(0).toString(), "restore", "--from",
                backup.toString());
        assertThat(restore).contains("every row count, table checksum and schema shape equals the manifest");

        try (RunningPlatform restored = RunningPlatform.start(fresh)) {
            for (RunningPlatform.User user : users) {
                String token = restored.login(user.username(), user.password());
                List<String> granted = restored.asAdmin(restored.adminCenter()).get("/api/v1/users/" + user.id()).then()
                        .statusCode(200).extract().jsonPath().getList("permissions", String.class);
                assertThat(granted).containsExactlyInAnyOrderElementsOf(adminCenterPermissions(used, user));
                assertThat(RunningPlatform.as(token, restored.portal()).get("/api/v1/me").then().statusCode(200).extract()
                        .jsonPath().getList("permissions", String.class)).containsAll(granted);
            }
        }
    }

    private static List<String> adminCenterPermissions(RunningPlatform platform, RunningPlatform.User user) {
        return platform.asAdmin(platform.adminCenter()).get("/api/v1/users/" + user.id()).then().statusCode(200).extract()
                .jsonPath().getList("permissions", String.class);
    }

    private static List<String> portalPermissions(RunningPlatform platform, RunningPlatform.User user) {
        return RunningPlatform.as(user.token(), platform.portal()).get("/api/v1/me").then().extract().jsonPath()
                .getList("permissions", String.class);
    }

    /** {@code ./platform migrator --data-dir DATA <args>}, as a person types it; its output. */
    private static String platformScript(Path data, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RunningPlatform.home().resolve("platform").toString(), "migrator",
                "--data-dir", data.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("platform-migrator-", ".log");
        Process p = new ProcessBuilder(command).directory(RunningPlatform.home().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("./platform migrator ended").isTrue();
        String output = Files.readString(log);
        Files.delete(log);
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }
}
