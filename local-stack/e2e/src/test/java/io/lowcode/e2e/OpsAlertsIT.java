package io.lowcode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.access.Roles;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;

/**
 * Issue 11 on the packaged platform: the portal hangs (SIGSTOP) while an admin keeps granting permissions; the
 * portal's consumer group turns WARN, then STALL / STOP / ERR in the operations API within 60 s, an alert reaches
 * ops on the IM webhook and by email; SIGCONT: the group catches up, the alert resolves and the resolution reaches
 * them too.
 */
class OpsAlertsIT {

    private static final String GROUP = "portal.access";
    private static final Duration FLAGGED_WITHIN = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static RunningPlatform platform;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.shared();
    }

    @Test
    void aHungPortalTurnsItsGroupWarnThenStalledAlertsOpsByImAndEmailAndResolvesWhenItGoesOn() throws Exception {
        RunningPlatform.User dora = platform.newUser("e2e-dora-" + System.nanoTime() % 100000, List.of(Roles.USER));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status()).isEqualTo("OK"));

        AtomicBoolean granting = new AtomicBoolean(true);
        AtomicInteger granted = new AtomicInteger();
        Thread admin = new Thread(() -> {
            while (granting.get()) {
                platform.asAdmin(platform.adminCenter()).contentType(ContentType.JSON)
                        .body(Map.of("permission", "function-unit:lag-" + granted.incrementAndGet() + ":execute"))
                        .post("/api/v1/users/" + dora.id() + "/permissions").then().statusCode(201);
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(700).toNanos());
            }
        }, "e2e-granting-admin");
        platform.platform().pause("portal");
        String alertId;
        try {
            admin.start();
            long paused = System.nanoTime();
            await().atMost(FLAGGED_WITHIN).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(status()).isEqualTo("WARN"));
            await().atMost(FLAGGED_WITHIN.minusNanos(System.nanoTime() - paused)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(status()).isIn("STALL", "STOP", "ERR"));
            JsonPath group = admin().get("/api/v1/ops/consumer-groups/" + GROUP).then().statusCode(200).extract().jsonPath();
            assertThat(group.getLong("totalLag")).isPositive();
            assertThat(group.getList("partitions.findAll { it.status != 'OK' }.evidence.flatten().committed", Long.class))
                    .isNotEmpty();

            alertId = await().atMost(WAIT).until(() -> admin().get("/api/v1/ops/alerts").then().statusCode(200).extract()
                    .jsonPath().getString("find { it.rule == 'consumer-group-status' && it.target == '" + GROUP + "' }.id"),
                    id -> id != null);
            String id = alertId;
            await().atMost(WAIT).until(() -> !platform.peers().calls(id, "alert-raised", GROUP).isEmpty());
            // the mail server is the shared platform's: earlier alerts on the same group may have mailed too
            MimeMessage raised = awaitMail("Alert consumer-group-status: consumer group " + GROUP, id);
            assertThat(raised.getContent().toString()).contains(id);
        } finally {
            granting.set(false);
            admin.join(30_000);
            platform.platform().resume("portal");
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(status()).isEqualTo("OK"));
        String id = alertId;
        await().atMost(WAIT).untilAsserted(() -> assertThat(admin().get("/api/v1/ops/alerts/history?rule="
                + "consumer-group-status&status=RESOLVED&size=200").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class)).contains(id));
        await().atMost(WAIT).until(() -> !platform.peers().calls(id, "alert-resolved").isEmpty());
        awaitMail("Resolved: consumer-group-status", id);
        assertThat(platform.peers().calls(id, "alert-raised")).hasSize(1);
        // the portal applied every grant made while it hung
        await().atMost(WAIT).untilAsserted(() -> assertThat(RunningPlatform.as(dora.token(), platform.portal())
                .get("/api/v1/me").then().statusCode(200).extract().jsonPath().getList("permissions", String.class))
                .contains("function-unit:lag-1:execute", "function-unit:lag-" + granted.get() + ":execute"));
    }

    private static String status() {
        return admin().get("/api/v1/ops/consumer-groups").then().statusCode(200).extract().jsonPath()
                .getString("find { it.groupId == '" + GROUP + "' }.status");
    }

    private static MimeMessage awaitMail(String subject, String alertId) {
        return await().atMost(WAIT).until(() -> java.util.Arrays.stream(platform.peers().mail().getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getSubject() != null && m.getSubject().contains(subject)
                                && m.getContent().toString().contains(alertId);
                    } catch (jakarta.mail.MessagingException | java.io.IOException e) {
                        return false;
                    }
                }).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return platform.asAdmin(platform.adminCenter());
    }
}
