package io.lowcode.admincenter.ops.deadletter;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.client.ClientRequestFilter;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import io.lowcode.admincenter.api.AdminCenterClient;
import io.lowcode.admincenter.api.DeadLetterCoordinates;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.api.RequestHeaders;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.localstack.testing.EventSender;
import io.restassured.RestAssured;

/**
 * Dead letters as a consumer writes them (SmallRye's headers and ours), produced straight onto a dead-letter topic,
 * and waiting for the index to have them.
 */
final class DeadLetterFixtures {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String OPS = "ops-olga";

    private DeadLetterFixtures() {
    }

    /**
     * Writes {@code value} to {@code topic}'s dead-letter topic as consumer {@code consumer} would after failing on the
     * record at {@code originalPartition}/{@code originalOffset} of {@code topic}.
     */
    static DeadLetterCoordinates deadLetter(String topic, int originalPartition, long originalOffset, String key,
            byte[] value, String kind, String consumer, String reason) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DeadLetters.EXCEPTION, "java.lang.IllegalStateException");
        headers.put(DeadLetters.REASON, reason);
        headers.put(DeadLetters.TOPIC, topic);
        headers.put(DeadLetters.PARTITION, Integer.toString(originalPartition));
        headers.put(DeadLetters.OFFSET, Long.toString(originalOffset));
        headers.put(DeadLetters.KIND, kind);
        headers.put(DeadLetters.ATTEMPTS, "4");
        headers.put(DeadLetters.CONSUMER, consumer);
        return send(Topics.deadLetterOf(topic), key, value, headers);
    }

    /** Writes any record onto a dead-letter topic. */
    static DeadLetterCoordinates send(String dlqTopic, String key, byte[] value, Map<String, String> headers) {
        try (EventSender sender = new EventSender(LocalStackTestResource.stack().kafka().bootstrapServers())) {
            RecordMetadata sent = sender.send(dlqTopic, null, key, value, headers);
            return new DeadLetterCoordinates(dlqTopic, sent.partition(), sent.offset());
        }
    }

    /** Waits until the index has the dead letter at {@code at}. */
    static DeadLetterCoordinates indexed(DeadLetterCoordinates at) {
        await().atMost(WAIT).until(() -> Authorized.asUser(OPS, "ops").get(path(at)).statusCode() == 200);
        return at;
    }

    static String path(DeadLetterCoordinates at) {
        return "/api/v1/ops/dead-letters/" + at.topic() + "/" + at.partition() + "/" + at.offset();
    }

    /** The admin center's typed client, as an ops user. */
    static AdminCenterClient client(String... roles) {
        String bearer = Authorized.bearer(OPS, roles);
        return RestClientBuilder.newBuilder()
                .baseUri(URI.create("http://localhost:" + RestAssured.port))
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle(RequestHeaders.AUTHORIZATION,
                        bearer))
                .build(AdminCenterClient.class);
    }

    /** How many times {@code consumer} applied event {@code eventId} (its inbox rows). */
    static long applied(String consumer, String eventId) {
        try (Connection db = LocalStackTestResource.stack().postgres().connect();
                PreparedStatement query = db.prepareStatement("SELECT count(*) FROM admin_center.inbox_event "
                        + "WHERE event_id = ? AND consumer_group = ?")) {
            query.setObject(1, UUID.fromString(eventId));
            query.setString(2, consumer);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
