package io.lowcode.admincenter.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.payload.FunctionUnitPublished;
import io.lowcode.eventschema.payload.NotificationRequested;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.EventSender;
import io.lowcode.localstack.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The notifications the admin center's own changes request: deployed, retired, account created. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(NotifierPeers.class)
class NotificationRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TopicReader notifications;

    @BeforeAll
    static void readTopic() {
        notifications = new TopicReader(LocalStackTestResource.stack().kafka().bootstrapServers(),
                Topics.SYSTEM_NOTIFICATION_EVENTS);
    }

    @AfterAll
    static void closeTopic() {
        notifications.close();
    }

    @Test
    void deployingAndRetiringNotifyPowerUsersAndUsersGrantedTheUnitOrAllUnits() {
        String s = NotifierTest.suffix();
        String unitId = "fu-" + UUID.randomUUID();
        String granted = NotifierTest.createUser("gina-" + s, "Gina", Roles.USER);
        String grantedAll = NotifierTest.createUser("gabe-" + s, "Gabe", Roles.USER);
        String other = NotifierTest.createUser("otto-" + s, "Otto", Roles.USER);
        grant(granted, "function-unit:" + unitId + ":execute");
        grant(grantedAll, "function-unit:*:execute");
        grant(other, "function-unit:fu-another-unit:execute");
        publish(unitId, "Payroll " + s, "2.0.0");

        Authorized.as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("version", "2.0.0"))
                .post("/api/v1/function-units/{id}/deployments", unitId).then().statusCode(201);
        NotificationRequested deployed = awaitNotification("function-unit-deployed", unitId);
        assertThat(deployed.recipients().roles()).containsExactly(Roles.POWER_USER);
        assertThat(deployed.recipients().users()).contains(granted, grantedAll).doesNotContain(other);
        assertThat(deployed.parameters()).containsEntry("name", "Payroll " + s).containsEntry("version", "2.0.0")
                .containsEntry("environment", "production");
        assertThat(deployed.severity()).isEqualTo(Severity.INFO);
        assertThat(deployed.channels()).contains(Channel.EMAIL);

        Authorized.as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("reason", "replaced by v3"))
                .post("/api/v1/function-units/{id}/retirement", unitId).then().statusCode(200);
        NotificationRequested retired = awaitNotification("function-unit-retired", unitId);
        assertThat(retired.recipients().roles()).containsExactly(Roles.POWER_USER);
        assertThat(retired.recipients().users()).contains(granted, grantedAll).doesNotContain(other);
        assertThat(retired.parameters()).containsEntry("reason", "replaced by v3").containsEntry("version", "2.0.0");
    }

    @Test
    void aNewAccountIsWelcomedByEmail() {
        String s = NotifierTest.suffix();
        String userId = NotifierTest.createUser("wendy-" + s, "Wendy", Roles.USER);
        NotificationRequested welcome = awaitNotification("account-created", userId);
        assertThat(welcome.recipients().users()).containsExactly(userId);
        assertThat(welcome.recipients().roles()).isEmpty();
        assertThat(welcome.parameters()).containsEntry("username", "wendy-" + s);
        assertThat(welcome.channels()).containsExactly(Channel.EMAIL);
        await().atMost(WAIT).until(() -> java.util.Arrays.stream(NotifierPeers.mail().getReceivedMessages())
                .anyMatch(m -> subject(m).equals("Welcome, wendy-" + s)));
    }

    private static NotificationRequested awaitNotification(String template, String parameterValue) {
        return await().atMost(WAIT).until(() -> notifications.poll().stream()
                .map(r -> EventCodec.shared().deserialize(r.value()))
                .filter(e -> e.type() == EventType.NOTIFICATION_REQUESTED)
                .map(e -> e.payloadAs(NotificationRequested.class))
                .filter(n -> n.template().equals(template) && n.parameters().containsValue(parameterValue))
                .toList(), list -> !list.isEmpty()).get(0);
    }

    private static void grant(String userId, String permission) {
        Authorized.as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("permission", permission))
                .post("/api/v1/users/{id}/permissions", userId).then().statusCode(201);
    }

    /** The workstation's created + published, then waits until the version is pending deployment. */
    private static void publish(String unitId, String name, String version) {
        ObjectNode definition = JsonNodeFactory.instance.objectNode();
        definition.putArray("steps").addObject().put("id", "approve").put("kind", "user-task");
        try (EventSender sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers())) {
            sender.send(EventEnvelope.of(EventType.FUNCTION_UNIT_CREATED, unitId,
                    new FunctionUnitCreated(unitId, name, "pays people", "dev-ada", "finance"))
                    .withSource(SourceModule.WORKSTATION));
            sender.send(EventEnvelope.of(EventType.FUNCTION_UNIT_PUBLISHED, unitId,
                    new FunctionUnitPublished(unitId, name, version, "first", "a".repeat(64), definition))
                    .withSource(SourceModule.WORKSTATION));
        }
        await().atMost(WAIT).until(() -> Authorized.as(Roles.ADMIN).get("/api/v1/deployments/pending").then()
                .extract().jsonPath().getList("functionUnitId", String.class).contains(unitId));
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
