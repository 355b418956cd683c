package io.lowcode.admincenter.functionunit;

import static io.lowcode.admincenter.functionunit.FunctionUnitEvents.created;
import static io.lowcode.admincenter.functionunit.FunctionUnitEvents.newUnitId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lowcode.eventschema.access.Roles;
import io.lowcode.localstack.testing.Authorized;
import io.lowcode.eventschema.Topics;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.eventschema.serde.EventCodec;
import io.lowcode.localstack.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Records that can never be applied go to {@code function-unit-events.dlq} at once, with why and where from, and
 * do not hold up the valid record behind them on the same partition.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class PoisonRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventCodec codec;

    @Test
    void malformedAndSchemaInvalidRecordsAreDeadLetteredAndTheValidOneBehindThemIsApplied() throws Exception {
        String unitId = newUnitId();
        byte[] notJson = "this is not JSON {".getBytes(StandardCharsets.UTF_8);
        ObjectNode withoutName = (ObjectNode) JSON.readTree(codec.serialize(created(unitId, "Nameless " + unitId)));
        ((ObjectNode) withoutName.path("data").path("payload")).remove("name");
        byte[] schemaInvalid = JSON.writeValueAsBytes(withoutName);

        RecordMetadata malformed = TestKafka.send(unitId, notJson);
        RecordMetadata invalid = TestKafka.send(unitId, schemaInvalid);
        RecordMetadata valid = TestKafka.send(unitId, codec.serialize(created(unitId, "Valid " + unitId)));
        assertThat(List.of(invalid.partition(), valid.partition())).containsOnly(malformed.partition());

        await().atMost(TestKafka.WAIT).until(() -> Authorized.as(Roles.ADMIN).get("/api/v1/function-units").then().statusCode(200)
                .extract().jsonPath().getList("functionUnitId").contains(unitId));
        assertThat(Authorized.as(Roles.ADMIN).get("/api/v1/function-units").then().extract().jsonPath()
                .getString("find { it.functionUnitId == '" + unitId + "' }.name")).isEqualTo("Valid " + unitId);

        // each of the admin center's consumers of the topic (inventory, operations timeline) dead-letters the
        // poison records it cannot apply, under its own name; the inventory's:
        List<ConsumerRecord<String, byte[]>> dead = TestKafka.awaitRecords(Topics.deadLetterOf(Topics.FUNCTION_UNIT_EVENTS),
                4, record -> unitId.equals(record.key())).stream()
                .filter(r -> "function-unit-inventory".equals(TestKafka.header(r, DeadLetters.CONSUMER))).toList();
        assertThat(dead).hasSize(2);
        ConsumerRecord<String, byte[]> first = dead.stream()
                .filter(r -> Long.toString(malformed.offset()).equals(TestKafka.header(r, "dead-letter-offset")))
                .findFirst().orElseThrow();
        ConsumerRecord<String, byte[]> second = dead.stream()
                .filter(r -> Long.toString(invalid.offset()).equals(TestKafka.header(r, "dead-letter-offset")))
                .findFirst().orElseThrow();

        assertThat(first.value()).isEqualTo(notJson);
        assertThat(TestKafka.header(first, "dead-letter-reason")).contains("MALFORMED_JSON");
        assertThat(second.value()).isEqualTo(schemaInvalid);
        assertThat(TestKafka.header(second, "dead-letter-reason")).contains("SCHEMA_VIOLATION").contains("name");
        for (ConsumerRecord<String, byte[]> record : dead) {
            assertThat(TestKafka.header(record, DeadLetters.KIND)).isEqualTo(DeadLetters.KIND_INVALID);
            assertThat(TestKafka.header(record, DeadLetters.ATTEMPTS)).isEqualTo("1");
            assertThat(TestKafka.header(record, "dead-letter-topic")).isEqualTo(Topics.FUNCTION_UNIT_EVENTS);
            assertThat(TestKafka.header(record, "dead-letter-partition")).isEqualTo(Integer.toString(malformed.partition()));
        }
    }

    @Test
    void publishedVersionOfAUnitUnknownToTheInventoryIsDeadLetteredAtOnce() {
        String unitId = newUnitId();
        TestKafka.send(unitId, codec.serialize(FunctionUnitEvents.published(unitId, "Orphan " + unitId, "1.0.0")));

        ConsumerRecord<String, byte[]> dead = TestKafka.awaitRecords(Topics.deadLetterOf(Topics.FUNCTION_UNIT_EVENTS),
                1, record -> unitId.equals(record.key())).get(0);
        assertThat(TestKafka.header(dead, DeadLetters.KIND)).isEqualTo(DeadLetters.KIND_PERMANENT);
        assertThat(TestKafka.header(dead, DeadLetters.ATTEMPTS)).isEqualTo("1");
        assertThat(TestKafka.header(dead, "dead-letter-reason")).contains(unitId).contains("not in the inventory");
        assertThat(Authorized.as(Roles.ADMIN).get("/api/v1/deployments/pending").then().statusCode(200).extract().jsonPath()
                .getList("functionUnitId")).doesNotContain(unitId);
    }
}
