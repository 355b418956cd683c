package io.lowcode.admincenter.ops.deadletter.service;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.DeadLetter;
import io.lowcode.admincenter.api.DeadLetterCoordinates;
import io.lowcode.admincenter.api.DeadLetterPage;
import io.lowcode.admincenter.ops.deadletter.persistence.DeadLetterEntity;
import io.lowcode.eventschema.TopicCatalog;
import io.lowcode.eventschema.TopicSpec;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** Reads the dead-letter index: pages of it by filter, newest first, and one dead letter in full. */
@ApplicationScoped
public class DeadLetterBrowser {

    static final Sort NEWEST_FIRST = Sort.descending("deadLetteredAt", "dlqTopic", "dlqPartition", "dlqOffset");

    /** One page of the dead letters matching {@code query}, newest first, without headers and payload. */
    @WithSession
    public Uni<DeadLetterPage> list(DeadLetterQuery query, int page, int size) {
        PanacheQuery<DeadLetterEntity> found = find(query, NEWEST_FIRST);
        found.page(Page.of(page, size));
        return found.list().flatMap(entries -> found.count().map(total -> new DeadLetterPage(
                entries.stream().map(e -> view(e, false)).toList(), page, size, total)));
    }

    /** One dead letter with its headers and payload; 404 when the index has none there. */
    @WithSession
    public Uni<DeadLetter> get(DeadLetterCoordinates at) {
        return DeadLetterEntity.<DeadLetterEntity>findById(key(at)).map(found -> {
            if (found == null) {
                throw notFound(List.of(at));
            }
            return view(found, true);
        });
    }

    /** The dead letters matching {@code query}, as a Panache query (callers page or lock it). */
    static PanacheQuery<DeadLetterEntity> find(DeadLetterQuery query, Sort sort) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        condition(conditions, parameters, "dlqTopic", "topic", query.topic());
        condition(conditions, parameters, "eventType", "type", query.eventType());
        condition(conditions, parameters, "kind", "kind", query.kind());
        condition(conditions, parameters, "consumer", "consumer", query.consumer());
        condition(conditions, parameters, "state", "state", query.state());
        if (query.from() != null) {
            conditions.add("deadLetteredAt >= :from");
            parameters.and("from", query.from());
        }
        if (query.to() != null) {
            conditions.add("deadLetteredAt < :to");
            parameters.and("to", query.to());
        }
        return conditions.isEmpty() ? DeadLetterEntity.findAll(sort)
                : DeadLetterEntity.find(String.join(" and ", conditions), sort, parameters);
    }

    private static void condition(List<String> conditions, Parameters parameters, String field, String name,
            String value) {
        if (value != null) {
            conditions.add(field + " = :" + name);
            parameters.and(name, value);
        }
    }

    static DeadLetterEntity.Key key(DeadLetterCoordinates at) {
        return new DeadLetterEntity.Key(at.topic(), at.partition(), at.offset());
    }

    static DeadLetterCoordinates coordinates(DeadLetterEntity entry) {
        return new DeadLetterCoordinates(entry.dlqTopic, entry.dlqPartition, entry.dlqOffset);
    }

    static ProblemException notFound(List<DeadLetterCoordinates> missing) {
        return new ProblemException(404, "not-found", "Not found", "no dead letter at "
                + missing.stream().map(DeadLetterCoordinates::toString).toList(), List.of());
    }

    /** Whether a dead letter names the business topic it came from: only then can it be replayed. */
    static boolean replayable(DeadLetterEntity entry) {
        return entry.originalTopic != null && TopicCatalog.business().stream().map(TopicSpec::name)
                .anyMatch(entry.originalTopic::equals);
    }

    static DeadLetter view(DeadLetterEntity e, boolean detail) {
        String text = detail ? utf8(e.payload) : null;
        return new DeadLetter(e.dlqTopic, e.dlqPartition, e.dlqOffset, e.deadLetteredAt, e.originalTopic,
                e.originalPartition, e.originalOffset, e.recordKey, e.eventId, e.eventType, e.eventTime, e.kind, e.reason,
                e.cause, e.exception, e.consumer, e.field, e.attempts, replayable(e), e.state, e.stateChangedBy,
                e.stateChangedAt, e.replayCount, detail ? e.headers : null, text,
                detail && text == null ? Base64.getEncoder().encodeToString(e.payload) : null);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }
}
