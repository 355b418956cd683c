package io.lowcode.admincenter.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lowcode.admincenter.notification.NotifierPeers.Received;
import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.access.Roles;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.AlertRaised;
import io.lowcode.eventschema.payload.Channel;
import io.lowcode.eventschema.payload.NotificationRequested;
import io.lowcode.eventschema.payload.Recipients;
import io.lowcode.eventschema.payload.Severity;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.EventSender;
import io.lowcode.localstack.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;

/**
 * The notifier end to end against real peers: Kafka and PostgreSQL (local stack), a GreenMail SMTP server and an
 * HTTP server playing the SMS provider and the IM bots ({@link NotifierPeers}).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
@QuarkusTestResource(NotifierPeers.class)
class NotifierTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHONE = "+8613800138000";

    @jakarta.inject.Inject
    io.lowcode.admincenter.notification.persistence.DeliveryStore store;

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;
    private static EventSender sender;
    private static TopicReader deadLetters;

    @BeforeAll
    static void connect() {
        String bootstrap = LocalStackTestResource.stack().kafka().bootstrapServers();
        sender = new EventSender(bootstrap);
        deadLetters = new TopicReader(bootstrap, Topics.deadLetterOf(Topics.SYSTEM_NOTIFICATION_EVENTS));
    }

    @AfterAll
    static void close() {
        sender.close();
        deadLetters.close();
    }

    @Test
    void aCriticalNotificationReachesEmailSmsAndEveryBotWhileABrokenBotIsRetriedThenDeadLettered() throws Exception {
        String s = suffix();
        String name = "Nora " + s;
        String userId = createUser("nora-" + s, name, Roles.USER);
        Authorized.as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("phone", PHONE))
                .put("/api/v1/users/{id}/contact", userId).then().statusCode(200)
                .body("userId", equalTo(userId)).body("phone", equalTo(PHONE));
        String notificationId = "n-" + s;
        Map<String, String> parameters = Map.of("executionId", "exec-" + s, "functionUnitId", "fu-" + s,
                "reason", "worker lost");
        send(notificationId, List.of(userId), List.of(), "execution-interrupted", parameters, Severity.CRITICAL,
                List.of(Channel.EMAIL, Channel.SMS, Channel.IM));

        JsonPath log = awaitSettled(notificationId, 8);
        String title = "Execution exec-" + s + " interrupted";
        String body = "Execution exec-" + s + " of function unit fu-" + s + " was interrupted: worker lost";
        String text = "[CRITICAL] " + title + "\n" + body;

        // email: rendered subject and body, to the account's address
        MimeMessage mail = awaitMail("nora-" + s + "@example.com", title);
        assertThat(mail.getContent().toString()).contains(body);
        assertThat(mail.getFrom()[0].toString()).isEqualTo("platform@lowcode.test");

        // SMS: the provider's JSON with the API key header
        Received sms = single("/sms", r -> r.body().contains("exec-" + s));
        assertThat(sms.header("X-Api-Key")).isEqualTo(NotifierPeers.SMS_API_KEY);
        ObjectNode smsBody = (ObjectNode) JSON.readTree(sms.body());
        assertThat(smsBody.get("reference").asText()).isEqualTo(deliveryId(log, "SMS", userId));
        smsBody.remove("reference");
        assertThat(smsBody).isEqualTo(JSON.readTree(JSON.writeValueAsString(Map.of("to", PHONE, "text", text))));

        // each bot flavour, exactly
        assertJson(single("/bots/dingtalk", r -> r.body().contains("exec-" + s)).body(), Map.of(
                "msgtype", "text",
                "text", Map.of("content", text + "\n@" + PHONE),
                "at", Map.of("atMobiles", List.of(PHONE), "isAtAll", false)));
        assertJson(single("/bots/wecom", r -> r.body().contains("exec-" + s)).body(), Map.of(
                "msgtype", "text",
                "text", Map.of("content", text, "mentioned_mobile_list", List.of(PHONE))));
        assertJson(single("/bots/slack", r -> r.body().contains("exec-" + s)).body(), Map.of(
                "text", text + "\nTo: " + name));
        assertJson(single("/bots/generic", r -> r.body().contains("exec-" + s)).body(), Map.of(
                "notificationId", notificationId,
                "template", "execution-interrupted",
                "severity", "CRITICAL",
                "title", title,
                "text", body,
                "recipients", List.of(Map.of("userId", userId, "name", name, "phone", PHONE)),
                "parameters", parameters));
        Received feishu = single("/bots/feishu", r -> r.body().contains("exec-" + s));
        ObjectNode feishuBody = (ObjectNode) JSON.readTree(feishu.body());
        String timestamp = feishuBody.remove("timestamp").asText();
        String sign = feishuBody.remove("sign").asText();
        assertThat(sign).isEqualTo(hmac(timestamp + "\n" + NotifierPeers.FEISHU_SECRET, ""));
        assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(600L));
        assertThat(feishuBody).isEqualTo(JSON.valueToTree(Map.of("msg_type", "text",
                "content", Map.of("text", text + "\nTo: " + name))));
        // DingTalk's signature is on the URL: timestamp (ms) and sign = base64(HmacSHA256(secret, ts\nsecret))
        Map<String, String> query = query(single("/bots/dingtalk", r -> r.body().contains("exec-" + s)).query());
        assertThat(query).containsEntry("access_token", "t-dingtalk");
        assertThat(query.get("sign")).isEqualTo(hmac(NotifierPeers.DINGTALK_SECRET,
                query.get("timestamp") + "\n" + NotifierPeers.DINGTALK_SECRET));
        assertThat(query(single("/bots/wecom", r -> r.body().contains("exec-" + s)).query())).doesNotContainKey("sign");

        // the broken bot: tried MAX_ATTEMPTS times, FAILED, dead-lettered with the reason; nobody else waited for it
        assertThat(NotifierPeers.received("/bots/broken").stream().filter(r -> r.body().contains("exec-" + s)))
                .hasSize(NotifierPeers.MAX_ATTEMPTS);
        assertThat(log.getList("items.findAll { it.status == 'SENT' }.recipient", String.class))
                .containsExactlyInAnyOrder(userId, userId, "bot:generic", "bot:dingtalk", "bot:wecom", "bot:feishu",
                        "bot:slack");
        assertThat(log.getString("items.find { it.recipient == 'bot:broken' }.status")).isEqualTo("FAILED");
        assertThat(log.getInt("items.find { it.recipient == 'bot:broken' }.attempts")).isEqualTo(NotifierPeers.MAX_ATTEMPTS);
        assertThat(log.getString("items.find { it.recipient == 'bot:broken' }.lastError")).contains("HTTP 500");
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(notificationId, "undeliverable");
        assertThat(TopicReader.header(dead, "dead-letter-reason")).contains("gave up after 3 attempts")
                .contains("HTTP 500");
        assertThat(TopicReader.header(dead, "dead-letter-attempts")).isEqualTo("3");
        assertThat(TopicReader.header(dead, "dead-letter-consumer")).isEqualTo("notifier");
        assertThat(TopicReader.header(dead, "dead-letter-channel")).isEqualTo("IM");
        assertThat(TopicReader.header(dead, "dead-letter-recipient")).isEqualTo("bot:broken");
        JsonNode deadValue = JSON.readTree(dead.value());
        assertThat(deadValue.get("notificationId").asText()).isEqualTo(notificationId);
        assertThat(deadValue.get("template").asText()).isEqualTo("execution-interrupted");
    }

    @Test
    void theSameMessageToTheSameRecipientWithinTheWindowIsSuppressed() {
        String s = suffix();
        String userId = createUser("dora-" + s, "Dora " + s, Roles.USER);
        Map<String, String> parameters = Map.of("functionUnitId", "fu-" + s, "name", "Dedup " + s, "version", "1.0.0");
        send("first-" + s, List.of(userId), List.of(), "function-unit-published", parameters, Severity.INFO,
                List.of(Channel.EMAIL));
        awaitSettled("first-" + s, 1);
        send("second-" + s, List.of(userId), List.of(), "function-unit-published", parameters, Severity.INFO,
                List.of(Channel.EMAIL));
        JsonPath second = awaitSettled("second-" + s, 1);

        assertThat(second.getString("items[0].status")).isEqualTo("SUPPRESSED");
        assertThat(second.getString("items[0].lastError")).contains("same message");
        assertThat(log("first-" + s).getString("items[0].status")).isEqualTo("SENT");
        assertThat(mailsTo("dora-" + s + "@example.com", "Function unit Dedup " + s + " 1.0.0 published")).hasSize(1);
    }

    @Test
    void aRecipientGetsNoMoreThanTheRateLimitPerChannel() {
        String s = suffix();
        String userId = createUser("rita-" + s, "Rita " + s, Roles.USER);
        // the welcome email is the first of the user's EMAIL messages in the window
        awaitMail("rita-" + s + "@example.com", "Welcome, rita-" + s);
        for (int i = 1; i <= NotifierPeers.MAX_PER_PERSON; i++) {
            // one partition, so they are planned in this order
            sender.sendTo(0, notification("rate-" + i + "-" + s, List.of(userId), List.of(), "function-unit-published",
                    Map.of("functionUnitId", "fu-" + s, "name", "Rate " + s, "version", i + ".0.0"), Severity.INFO,
                    List.of(Channel.EMAIL)));
        }
        List<String> statuses = new java.util.ArrayList<>();
        for (int i = 1; i <= NotifierPeers.MAX_PER_PERSON; i++) {
            statuses.add(awaitSettled("rate-" + i + "-" + s, 1).getString("items[0].status"));
        }
        assertThat(statuses).containsExactly("SENT", "SENT", "SENT", "RATE_LIMITED");
        assertThat(mailsTo("rita-" + s + "@example.com", "Function unit Rate " + s + " 4.0.0 published")).isEmpty();
        assertThat(mailsTo("rita-" + s + "@example.com", "Function unit Rate " + s + " 3.0.0 published")).hasSize(1);
    }

    @Test
    void aSecondEventWithTheSameNotificationIdDeliversNothingMore() {
        String s = suffix();
        String userId = createUser("sam-" + s, "Sam " + s, Roles.USER);
        Map<String, String> parameters = Map.of("functionUnitId", "fu-" + s, "name", "Twice " + s, "version", "1.0.0");
        // two events (two event ids: the inbox cannot tell them apart), one notification id
        send("twice-" + s, List.of(userId), List.of(), "function-unit-published", parameters, Severity.INFO,
                List.of(Channel.EMAIL));
        send("twice-" + s, List.of(userId), List.of(), "function-unit-published", parameters, Severity.INFO,
                List.of(Channel.EMAIL));
        awaitMail("sam-" + s + "@example.com", "Function unit Twice " + s + " 1.0.0 published");
        // the second event is applied after the first on the same partition (same key): once both are, one row
        await().atMost(WAIT).until(() -> inboxApplied("twice-" + s) == 2);
        assertThat(log("twice-" + s).getLong("total")).isEqualTo(1);
        assertThat(mailsTo("sam-" + s + "@example.com", "Function unit Twice " + s + " 1.0.0 published")).hasSize(1);
    }

    @Test
    void aPersonWithoutAPhoneNumberIsSkippedOnSms() {
        String s = suffix();
        String userId = createUser("nophone-" + s, "No Phone " + s, Roles.USER);
        send("sms-" + s, List.of(userId), List.of(), "execution-interrupted",
                Map.of("executionId", "exec-" + s, "functionUnitId", "fu-" + s, "reason", "r"), Severity.CRITICAL,
                List.of(Channel.SMS));
        JsonPath log = awaitSettled("sms-" + s, 1);
        assertThat(log.getString("items[0].status")).isEqualTo("SKIPPED");
        assertThat(log.getString("items[0].lastError")).isEqualTo("no phone number on record");
        assertThat(NotifierPeers.received("/sms").stream().filter(r -> r.body().contains("exec-" + s))).isEmpty();
    }

    @Test
    void finishedDeliveriesArePurgedAfterTheRetention() {
        String s = suffix();
        String userId = createUser("paula-" + s, "Paula " + s, Roles.USER);
        send("purge-" + s, List.of(userId), List.of(), "function-unit-published",
                Map.of("functionUnitId", "fu-" + s, "name", "Purge " + s, "version", "1.0.0"), Severity.INFO,
                List.of(Channel.EMAIL));
        awaitSettled("purge-" + s, 1);
        assertThat(store.purge(Duration.ofDays(1)).await().atMost(WAIT)).isNotNegative();
        assertThat(log("purge-" + s).getLong("total")).isEqualTo(1);
        assertThat(store.purge(Duration.ZERO).await().atMost(WAIT)).isPositive();
        assertThat(log("purge-" + s).getLong("total")).isZero();
    }

    @Test
    void aNotificationWithAnUnknownTemplateIsDeadLetteredAtOnce() {
        String s = suffix();
        send("poison-" + s, List.of("nobody"), List.of(), "no-such-template", Map.of(), Severity.INFO,
                List.of(Channel.EMAIL));
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter("poison-" + s, "permanent-failure");
        assertThat(TopicReader.header(dead, "dead-letter-reason")).contains("no-such-template");
        assertThat(TopicReader.header(dead, "dead-letter-attempts")).isEqualTo("1");
        assertThat(TopicReader.header(dead, "dead-letter-consumer")).isEqualTo("notifier");
        assertThat(log("poison-" + s).getLong("total")).isZero();
    }

    @Test
    void anAlertNotifiesOpsOnTheChannelsItsSeverityRoutesTo() {
        String s = suffix();
        String opsId = createUser("olga-" + s, "Olga " + s, Roles.OPS);
        EventEnvelope<AlertRaised> alert = EventEnvelope.of(EventType.ALERT_RAISED, "alert-" + s,
                new AlertRaised("alert-" + s, "consumer-lag", Severity.WARNING, "lag of portal.access is 5000 " + s,
                        Map.of("group", "portal.access"), java.time.Instant.parse("2026-01-01T00:00:00Z")))
                .withSource(SourceModule.ADMIN_CENTER);
        sender.send(alert);

        JsonPath log = awaitSettled(alert.id(), -1);
        // WARNING routes to EMAIL and IM, not SMS; the broken bot takes CRITICAL only
        assertThat(log.getList("items.channel", String.class)).doesNotContain("SMS");
        assertThat(log.getList("items.findAll { it.channel == 'EMAIL' }.recipient", String.class)).contains(opsId);
        assertThat(log.getList("items.findAll { it.channel == 'IM' }.recipient", String.class))
                .containsExactlyInAnyOrder("bot:generic", "bot:dingtalk", "bot:wecom", "bot:feishu", "bot:slack");
        // (other ops members may have had their share of emails from other tests: only Olga's row is certain)
        assertThat(log.getString("items.find { it.recipient == '" + opsId + "' }.status")).isEqualTo("SENT");
        assertThat(log.getList("items.findAll { it.channel == 'IM' }.status", String.class)).containsOnly("SENT");
        assertThat(log.getString("items[0].template")).isEqualTo("alert-raised");
        awaitMail("olga-" + s + "@example.com", "Alert consumer-lag: lag of portal.access is 5000 " + s);
    }

    @Test
    void theDeliveryLogIsForAdminsAndOpsAndRejectsBadParameters() {
        Authorized.as(Roles.OPS).get("/api/v1/notifications?size=1").then().statusCode(200)
                .body("size", equalTo(1)).body("page", equalTo(0));
        Authorized.as(Roles.USER).get("/api/v1/notifications").then().statusCode(403);
        Authorized.as(Roles.ADMIN).get("/api/v1/notifications?status=LOST").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("status"));
        Authorized.as(Roles.ADMIN).get("/api/v1/notifications?channel=FAX").then().statusCode(400)
                .body("errors.field", hasItem("channel"));
        Authorized.as(Roles.ADMIN).get("/api/v1/notifications?size=0").then().statusCode(400)
                .body("errors.field", hasItem("size"));
        Authorized.as(Roles.ADMIN).get("/api/v1/notifications?page=-1").then().statusCode(400)
                .body("errors.field", hasItem("page"));
        String userId = createUser("pete-" + suffix(), "Pete", Roles.USER);
        Authorized.as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("phone", "call me"))
                .put("/api/v1/users/{id}/contact", userId).then().statusCode(400)
                .contentType("application/problem+json");
        Authorized.as(Roles.ADMIN).contentType(ContentType.JSON).body(Map.of("phone", PHONE))
                .put("/api/v1/users/{id}/contact", UUID.randomUUID()).then().statusCode(404);
        Authorized.as(Roles.OPS).contentType(ContentType.JSON).body(Map.of("phone", PHONE))
                .put("/api/v1/users/{id}/contact", userId).then().statusCode(403);
    }

    // --- helpers

    /** How many events with this subject the notifier's inbox applied. */
    private long inboxApplied(String notificationId) {
        // the inbox keeps event ids, not subjects: count the notification.requested events applied by the notifier
        // whose id is one of the two sent with this subject (read back from the topic)
        List<String> ids = new java.util.ArrayList<>();
        try (TopicReader reader = new TopicReader(LocalStackTestResource.stack().kafka().bootstrapServers(),
                Topics.SYSTEM_NOTIFICATION_EVENTS)) {
            reader.matching(r -> notificationId.equals(r.key())).forEach(r -> ids.add(
                    io.lowcode.eventschema.serde.EventCodec.shared().deserialize(r.value()).id()));
        }
        if (ids.isEmpty()) {
            return 0;
        }
        return pool.preparedQuery("SELECT count(*) FROM inbox_event WHERE consumer_group = 'notifier' "
                        + "AND event_id = ANY($1)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(ids.stream().map(UUID::fromString).toArray(UUID[]::new)))
                .await().atMost(WAIT).iterator().next().getLong(0);
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String createUser(String username, String displayName, String role) {
        return Authorized.as(Roles.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", displayName, "email", username + "@example.com",
                        "password", "secret-password-1", "roles", List.of(role)))
                .post("/api/v1/users").then().statusCode(201).extract().jsonPath().getString("id");
    }

    private static void send(String notificationId, List<String> users, List<String> roles, String template,
            Map<String, String> parameters, Severity severity, List<Channel> channels) {
        sender.send(notification(notificationId, users, roles, template, parameters, severity, channels));
    }

    private static EventEnvelope<NotificationRequested> notification(String notificationId, List<String> users,
            List<String> roles, String template, Map<String, String> parameters, Severity severity,
            List<Channel> channels) {
        return EventEnvelope.of(EventType.NOTIFICATION_REQUESTED, notificationId,
                        new NotificationRequested(notificationId, new Recipients(users, roles), template, parameters,
                                severity, channels))
                .withSource(SourceModule.WORKSTATION)
                .withCorrelationId("corr-" + notificationId);
    }

    private static JsonPath log(String notificationId) {
        return Authorized.as(Roles.OPS).queryParam("notificationId", notificationId).queryParam("size", 200)
                .get("/api/v1/notifications").then().statusCode(200).extract().jsonPath();
    }

    /** The notification's log once it has {@code rows} rows (any number when negative), none of them still open. */
    private static JsonPath awaitSettled(String notificationId, int rows) {
        return await().atMost(WAIT).until(() -> log(notificationId), log -> {
            List<String> statuses = log.getList("items.status", String.class);
            return (rows < 0 ? !statuses.isEmpty() : statuses.size() == rows)
                    && statuses.stream().noneMatch(st -> List.of("PENDING", "SENDING", "RETRY").contains(st));
        });
    }

    private static String deliveryId(JsonPath log, String channel, String recipient) {
        return log.getString("items.find { it.channel == '" + channel + "' && it.recipient == '" + recipient + "' }.id");
    }

    private static Received single(String path, java.util.function.Predicate<Received> filter) {
        List<Received> matching = await().atMost(WAIT).until(
                () -> NotifierPeers.received(path).stream().filter(filter).toList(), list -> !list.isEmpty());
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private static MimeMessage awaitMail(String to, String subject) {
        return await().atMost(WAIT).until(() -> mailsTo(to, subject), list -> !list.isEmpty()).get(0);
    }

    private static List<MimeMessage> mailsTo(String to, String subject) {
        return java.util.Arrays.stream(NotifierPeers.mail().getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(to) && subject.equals(m.getSubject());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key, String kind) {
        return await().atMost(WAIT).until(() -> deadLetters.matching(r -> key.equals(r.key())
                && kind.equals(TopicReader.header(r, "dead-letter-kind"))), list -> !list.isEmpty()).get(0);
    }

    private static void assertJson(String actual, Object expected) throws Exception {
        assertThat(JSON.readTree(actual)).isEqualTo(JSON.valueToTree(expected));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String hmac(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
