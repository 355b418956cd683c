package io.lowcode.admincenter.api.ops;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/ops/consumer-groups/{group}/history}: a group's total lag and consume rate over the last minutes
 * (the admin center keeps an hour of samples in memory; a restarted pod starts a new hour).
 *
 * @param groupId the group
 * @param points  oldest first, at most 360
 */
public record GroupHistory(String groupId, List<Point> points) {

    /**
     * One sample.
     *
     * @param at                   when
     * @param lag                  total lag
     * @param consumedPerSecond    committed offsets advanced per second since the previous point
     */
    public record Point(Instant at, long lag, Double consumedPerSecond) {
    }
}
