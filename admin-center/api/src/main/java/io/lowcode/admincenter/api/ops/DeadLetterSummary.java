package io.lowcode.admincenter.api.ops;

import java.util.List;

/**
 * {@code GET /api/v1/ops/dead-letters/summary}: how many dead letters each dead-letter topic holds, by state.
 *
 * @param topics one entry per dead-letter topic of the catalog
 */
public record DeadLetterSummary(List<TopicCount> topics) {

    /**
     * One dead-letter topic.
     *
     * @param topic     its name
     * @param fresh     NEW ones (not handled yet)
     * @param replayed  REPLAYED ones
     * @param discarded DISCARDED ones
     */
    public record TopicCount(String topic, long fresh, long replayed, long discarded) {
    }
}
