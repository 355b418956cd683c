package io.lowcode.admincenter.functionunit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lowcode.eventschema.EventType;
import io.lowcode.eventschema.SourceModule;
import io.lowcode.eventschema.envelope.EventEnvelope;
import io.lowcode.eventschema.payload.FunctionUnitCreated;
import io.lowcode.eventschema.payload.FunctionUnitPublished;

/** The workstation's events, as the tests produce them onto {@code function-unit-events}. */
public final class FunctionUnitEvents {

    public static final String DEVELOPER = "dev-ada";

    private FunctionUnitEvents() {
    }

    /** A fresh unit id, so tests sharing a broker and database never see each other's units. */
    public static String newUnitId() {
        return "fu-" + UUID.randomUUID();
    }

    public static EventEnvelope<FunctionUnitCreated> created(String functionUnitId, String name) {
        return EventEnvelope.of(EventType.FUNCTION_UNIT_CREATED, functionUnitId,
                        new FunctionUnitCreated(functionUnitId, name, "what " + name + " does", DEVELOPER, "finance"))
                .withSource(SourceModule.WORKSTATION)
                .withCorrelationId("corr-" + UUID.randomUUID())
                .withUserId(DEVELOPER);
    }

    public static EventEnvelope<FunctionUnitPublished> published(String functionUnitId, String name, String version) {
        ObjectNode definition = JsonNodeFactory.instance.objectNode();
        definition.putArray("steps").addObject().put("id", "approve").put("kind", "user-task");
        return EventEnvelope.of(EventType.FUNCTION_UNIT_PUBLISHED, functionUnitId,
                        new FunctionUnitPublished(functionUnitId, name, version, "changes of " + version,
                                digest(functionUnitId + version), definition))
                .withSource(SourceModule.WORKSTATION)
                .withCorrelationId("corr-" + UUID.randomUUID())
                .withUserId(DEVELOPER);
    }

    /** Event time {@code ago} before now, microsecond precision like the database. */
    static Instant ago(long amount, ChronoUnit unit) {
        return Instant.now().minus(amount, unit).truncatedTo(ChronoUnit.MICROS);
    }

    private static String digest(String content) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
