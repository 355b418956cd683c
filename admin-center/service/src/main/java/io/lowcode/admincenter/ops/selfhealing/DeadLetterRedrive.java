package io.lowcode.admincenter.ops.selfhealing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.DeadLetterCoordinates;
import io.lowcode.admincenter.api.DeadLetterSelection;
import io.lowcode.admincenter.api.ops.ConsumerGroupView;
import io.lowcode.admincenter.ops.deadletter.service.DeadLetterActions;
import io.lowcode.admincenter.ops.monitoring.EventFlowSampler;
import io.lowcode.admincenter.ops.monitoring.KafkaSample;
import io.lowcode.admincenter.ops.monitoring.MonitoringViews;
import io.lowcode.admincenter.ops.monitoring.ServiceMetrics;
import io.lowcode.eventschema.runtime.configuration.ManagedKeys;
import io.lowcode.eventschema.runtime.configuration.ManagedParameters;
import io.lowcode.eventschema.runtime.messaging.DeadLetters;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.lowcode.eventschema.runtime.selfhealing.Incidents;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Redrives transient dead letters by itself: for the consumers opted in through the managed configuration
 * ({@code self-healing.redrive.consumers}), dead letters of kind {@code retries-exhausted} that are NEW and were never
 * replayed — neither the record itself ({@code replay_count = 0}) nor the one it came from (no
 * {@code lowcode-replay-of} header: a replay that failed again stays for people) — are replayed through the ordinary
 * replay (same headers, audit, REPLAYED state) once their consumer is healthy: its consumer group is OK and its service
 * retried nothing over the last rate span. At most {@code self-healing.redrive.max-per-minute} records a minute. Each
 * batch is an incident of the fault history.
 */
@ApplicationScoped
public class DeadLetterRedrive {

    public static final String ACTOR = "self-healing";
    private static final String CANDIDATES = """
            SELECT dlq_topic, dlq_partition, dlq_offset, consumer FROM dead_letter
            WHERE state = 'NEW' AND kind = $1 AND replay_count = 0 AND consumer = ANY($2)
              AND NOT (headers ? $3) AND original_topic IS NOT NULL
            ORDER BY dead_lettered_at, dlq_topic, dlq_partition, dlq_offset LIMIT $4""";

    private final Pool pool;
    private final DeadLetterActions actions;
    private final ManagedParameters managed;
    private final MonitoringViews views;
    private final EventFlowSampler flow;
    private final Incidents incidents;
    private final Deque<Instant> replayed = new ArrayDeque<>();

    public DeadLetterRedrive(Pool pool, DeadLetterActions actions, ManagedParameters managed, MonitoringViews views,
            EventFlowSampler flow, Incidents incidents) {
        this.pool = pool;
        this.actions = actions;
        this.managed = managed;
        this.views = views;
        this.flow = flow;
        this.incidents = incidents;
    }

    @Scheduled(every = "${lowcode.ops.sampling.interval:5s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> redrive() {
        List<String> consumers = managed.text(ManagedKeys.REDRIVE_CONSUMERS).map(v -> List.of(v.split(",")))
                .orElse(List.of()).stream().map(String::strip).filter(c -> !c.isEmpty()).toList();
        int budget = budget();
        if (consumers.isEmpty() || budget <= 0) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(CANDIDATES).execute(Tuple.of(DeadLetters.KIND_RETRIES_EXHAUSTED,
                        consumers.toArray(new String[0]), DeadLetters.REPLAY_OF, budget))
                .flatMap(rows -> {
                    Map<String, List<DeadLetterCoordinates>> byConsumer = new LinkedHashMap<>();
                    for (Row r : rows) {
                        byConsumer.computeIfAbsent(r.getString("consumer"), c -> new ArrayList<>()).add(
                                new DeadLetterCoordinates(r.getString("dlq_topic"), r.getInteger("dlq_partition"),
                                        r.getLong("dlq_offset")));
                    }
                    Uni<Void> all = Uni.createFrom().voidItem();
                    for (Map.Entry<String, List<DeadLetterCoordinates>> e : byConsumer.entrySet()) {
                        Optional<String> healthy = healthy(e.getKey());
                        if (healthy.isPresent()) {
                            all = all.call(() -> replay(e.getKey(), e.getValue(), healthy.get()));
                        }
                    }
                    return all;
                })
                .onFailure().invoke(f -> Log.warnf("dead-letter redrive: %s", f.toString()))
                .onFailure().recoverWithNull();
    }

    private synchronized int budget() {
        int max = managed.integer(ManagedKeys.REDRIVE_MAX_PER_MINUTE, 60);
        Instant minuteAgo = Instant.now().minusSeconds(60);
        while (!replayed.isEmpty() && replayed.peekFirst().isBefore(minuteAgo)) {
            replayed.removeFirst();
        }
        return Math.max(0, max - replayed.size());
    }

    private synchronized void spent(int n) {
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            replayed.addLast(now);
        }
    }

    /** Why the consumer counts as healthy again (its evidence), or empty. */
    Optional<String> healthy(String consumer) {
        KafkaSample sample = views.latest().orElse(null);
        if (sample == null) {
            return Optional.empty();
        }
        Optional<ConsumerGroupView> group = views.groups(sample).stream()
                .filter(g -> g.groupId().endsWith("." + consumer)).findFirst();
        if (group.isEmpty() || !"OK".equals(group.get().status()) || group.get().members().isEmpty()) {
            return Optional.empty();
        }
        String service = group.get().groupId().substring(0, group.get().groupId().length() - consumer.length() - 1);
        ServiceMetrics[] readings = flow.latest().get(service);
        if (readings == null || readings[0].error() != null || readings[1] == null) {
            return Optional.empty();
        }
        double retried = 0;
        for (Map.Entry<String, ServiceMetrics.Counts> t : readings[0].types().entrySet()) {
            ServiceMetrics.Counts before = readings[1].types().get(t.getKey());
            retried += t.getValue().retried() - (before == null ? 0 : before.retried());
        }
        if (retried > 0) {
            return Optional.empty();
        }
        return Optional.of("consumer group " + group.get().groupId() + " is OK with " + group.get().members().size()
                + " member(s) and " + service + " retried nothing since " + readings[1].at());
    }

    private Uni<Void> replay(String consumer, List<DeadLetterCoordinates> records, String evidence) {
        Instant detected = Instant.now();
        spent(records.size());
        Caller caller = new Caller(ACTOR, "redrive-" + UUID.randomUUID());
        String detection = records.size() + " transient dead letter(s) (retries-exhausted, never replayed) of consumer "
                + consumer + " while " + evidence;
        return actions.replay(new DeadLetterSelection(records, null, false), caller)
                .map(result -> new Incidents.Incident(Incidents.DEAD_LETTERS_REDRIVEN, consumer, detected, detection,
                        "replayed " + result.records().size() + " to their original topics (audited as "
                                + DeadLetterActions.AUDIT_REPLAYED + " by " + ACTOR + "): " + result.records(),
                        Incidents.DONE, "consumers that had applied them skip them; the one that failed applies them",
                        Instant.now()))
                .onFailure().recoverWithItem(failure -> failure instanceof ProblemException p
                        && "dead-letter-handled".equals(p.slug()) ? null // another pod replayed them first
                        : new Incidents.Incident(Incidents.DEAD_LETTERS_REDRIVEN, consumer, detected, detection,
                                "tried to replay " + records, Incidents.FAILED, failure.getMessage(), Instant.now()))
                .flatMap(incident -> incident == null ? Uni.createFrom().voidItem() : incidents.record(incident));
    }
}
