package io.lowcode.admincenter.ops.deadletter.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.ops.DeadLetterSummary;
import io.lowcode.admincenter.ops.deadletter.persistence.DeadLetterEntity;
import io.lowcode.eventschema.TopicCatalog;
import io.lowcode.eventschema.TopicSpec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** Counts of the dead-letter index per topic and state, for the console's overview. */
@ApplicationScoped
public class DeadLetterCounts {

    private final Pool pool;

    public DeadLetterCounts(Pool pool) {
        this.pool = pool;
    }

    public Uni<DeadLetterSummary> summary() {
        return pool.query("SELECT dlq_topic, state, count(*) AS n FROM dead_letter GROUP BY dlq_topic, state").execute()
                .map(rows -> {
                    Map<String, long[]> counts = new HashMap<>();
                    for (Row r : rows) {
                        long[] c = counts.computeIfAbsent(r.getString("dlq_topic"), t -> new long[3]);
                        switch (r.getString("state")) {
                            case DeadLetterEntity.NEW -> c[0] += r.getLong("n");
                            case DeadLetterEntity.REPLAYED -> c[1] += r.getLong("n");
                            default -> c[2] += r.getLong("n");
                        }
                    }
                    List<DeadLetterSummary.TopicCount> topics = new ArrayList<>();
                    for (TopicSpec t : TopicCatalog.all()) {
                        if (t.deadLetter()) {
                            long[] c = counts.getOrDefault(t.name(), new long[3]);
                            topics.add(new DeadLetterSummary.TopicCount(t.name(), c[0], c[1], c[2]));
                        }
                    }
                    return new DeadLetterSummary(topics);
                });
    }
}
