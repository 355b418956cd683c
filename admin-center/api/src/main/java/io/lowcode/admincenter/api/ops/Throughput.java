package io.lowcode.admincenter.api.ops;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/ops/throughput}: records appended per second over the last minutes, to the business topics and to
 * the dead-letter topics, from the sampled end offsets.
 *
 * @param points oldest first, at most 360
 */
public record Throughput(List<Point> points) {

    /**
     * One interval.
     *
     * @param at                     its end
     * @param eventsPerSecond        records appended to the business topics per second
     * @param deadLettersPerSecond   records appended to the dead-letter topics per second
     */
    public record Point(Instant at, double eventsPerSecond, double deadLettersPerSecond) {
    }
}
