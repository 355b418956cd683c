package io.lowcode.admincenter.functionunit;

import static io.lowcode.admincenter.functionunit.FunctionUnitEvents.created;
import static io.lowcode.admincenter.functionunit.FunctionUnitEvents.newUnitId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.admincenter.functionunit.messaging.FunctionUnitEventsConsumer;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Kafka delivers at least once; the inventory and the audit log must change once per event id all the same. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class RedeliveryTest {

    @Inject
    EventCodec codec;

    @Test
    void theSameEventDeliveredTwiceChangesStateOnce() throws SQLException {
        String unitId = newUnitId();
        EventEnvelope<FunctionUnitCreated> created = created(unitId, "Twice " + unitId);
        byte[] record = codec.serialize(created);

        RecordMetadata first = TestKafka.send(unitId, record);
        TestKafka.send(unitId, first.partition(), record);
        // a marker behind both on the same partition: once it is applied, so are the two before it
        String markerId = newUnitId();
        TestKafka.send(markerId, first.partition(), codec.serialize(created(markerId, "Marker " + markerId)));

        await().atMost(TestKafka.WAIT).until(() -> inventoryIds().contains(markerId));

        assertThat(inventoryIds()).containsOnlyOnce(unitId);
        List<String> audited = Authorized.as(Roles.ADMIN).queryParam("subject", unitId).get("/api/v1/audit-events").then().statusCode(200)
                .extract().jsonPath().getList("items.eventId");
        assertThat(audited).containsExactly(created.id());
        assertThat(count("SELECT count(*) FROM admin_center.audit_event WHERE event_id = ?", created.id())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM admin_center.inbox_event WHERE event_id = ? AND consumer_group = '"
                + FunctionUnitEventsConsumer.CHANNEL + "'", created.id())).isEqualTo(1);
    }

    private static List<String> inventoryIds() {
        return Authorized.as(Roles.ADMIN).get("/api/v1/function-units").then().statusCode(200).extract().jsonPath()
                .getList("functionUnitId");
    }

    private static long count(String sql, String eventId) throws SQLException {
        try (Connection connection = LocalStackTestResource.stack().postgres().connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, UUID.fromString(eventId));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
