package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ops-migrator smoke} against the packaged services of the shared platform, as the Kubernetes Job runs it
 * after {@code migrate}: it passes on a healthy platform and cleans up after itself as far as the APIs allow, and
 * it fails naming the module when one is down.
 */
class MigratorSmokeIT {

    private static RunningPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = RunningPlatform.shared();
    }

    @Test
    void smokePassesAcrossTheThreeModulesOnAHealthyPlatformAndRevokesItsGrant() {
        MigratorCli.Result smoke = MigratorCli.run(platform.platform(), "smoke").expect(0);
        assertThat(smoke.output()).containsPattern("PASS workstation\\s+ready")
                .containsPattern("PASS admin-center\\s+login")
                .containsPattern("PASS workstation\\s+publish 1.0.0")
                .containsPattern("PASS admin-center\\s+receives the published version\\s+after \\d+ ms")
                .containsPattern("PASS admin-center\\s+deploy 1.0.0")
                .containsPattern("PASS portal\\s+offers the deployed function")
                .containsPattern("PASS portal\\s+withdraws the retired function")
                .containsPattern("PASS workstation\\s+shows the version retired")
                .containsPattern("PASS admin-center\\s+clean up: revoke function-unit:[0-9a-f-]{36}:execute")
                .contains("checks passed across workstation, admin-center and portal");

        Matcher left = Pattern.compile("left behind: function unit ([0-9a-f-]{36})").matcher(smoke.output());
        assertThat(left.find()).as(smoke.output()).isTrue();
        String unit = left.group(1);
        String adminId = platform.asAdmin(platform.adminCenter()).get("/api/v1/users").then().statusCode(200).extract()
                .jsonPath().getString("find { it.username == '" + platform.platform().admin().username() + "' }.id");
        assertThat(platform.asAdmin(platform.adminCenter()).get("/api/v1/users/" + adminId).then().statusCode(200)
                .extract().jsonPath().getList("permissions", String.class))
                .as("the grant smoke made is revoked").noneMatch(p -> p.contains(unit));
        assertThat(platform.asAdmin(platform.adminCenter()).get("/api/v1/function-units").then().statusCode(200)
                .extract().jsonPath().getString("find { it.functionUnitId == '" + unit + "' }.status"))
                .as("the unit smoke deployed is retired").isEqualTo("RETIRED");
    }

    @Test
    void smokeFailsNamingThePortalWhenThePortalIsStopped() {
        platform.platform().stop("portal");
        try {
            MigratorCli.Result smoke = MigratorCli.run(platform.platform(), "smoke").expect(1);
            assertThat(smoke.output()).containsPattern("PASS workstation\\s+ready")
                    .containsPattern("PASS admin-center\\s+ready")
                    .containsPattern("FAIL portal\\s+ready\\s+http://127.0.0.1:\\d+/q/health/ready: unreachable");
            assertThat(smoke.errors()).contains("ops-migrator: smoke failed: portal: ready:");
            assertThat(smoke.output()).as("nothing created while a module is down").doesNotContain("create function unit");
        } finally {
            platform.platform().restart("portal");
        }
    }
}
