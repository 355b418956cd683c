package io.lowcode.admincenter.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lowcode.admincenter.ops.monitoring.LagStatus.Group;
import io.lowcode.admincenter.ops.monitoring.LagStatus.Partition;
import io.lowcode.admincenter.ops.monitoring.LagStatus.Point;

/** Burrow's rules over synthetic windows (5 s apart, a full window holds 6 samples). */
class LagStatusTest {

    private static final int WINDOW = 6;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** Samples from (committed, end) pairs, 5 s apart. */
    private static List<Point> window(long... committedAndEnd) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i + 1 < committedAndEnd.length; i += 2) {
            points.add(new Point(T0.plusSeconds(5L * points.size()), committedAndEnd[i], committedAndEnd[i + 1]));
        }
        return points;
    }

    @Test
    void aConsumerThatKeepsUpIsOkEvenWhenItsLagWasNeverZero() {
        assertThat(LagStatus.partition(window(10, 10, 20, 20, 30, 30, 40, 40, 50, 50, 60, 60), WINDOW, true))
                .isEqualTo(Partition.OK);
        // under steady load the committed offset trails the end, but the lag goes down now and then
        assertThat(LagStatus.partition(window(10, 14, 20, 23, 30, 35, 40, 42, 50, 56, 60, 63), WINDOW, true))
                .isEqualTo(Partition.OK);
    }

    @Test
    void noSamplesOrNoLagNowIsOk() {
        assertThat(LagStatus.partition(List.of(), WINDOW, false)).isEqualTo(Partition.OK);
        assertThat(LagStatus.partition(window(5, 9, 5, 12, 12, 12), WINDOW, true)).isEqualTo(Partition.OK);
    }

    @Test
    void aPausedConsumerIsWarnWhileItsLagGrowsThenStallOnceTheWholeWindowLags() {
        // caught up, then paused while records keep arriving: the offset stays, the lag grows
        assertThat(LagStatus.partition(window(40, 40, 40, 40, 40, 41), WINDOW, true)).isEqualTo(Partition.OK);
        assertThat(LagStatus.partition(window(40, 40, 40, 40, 40, 41, 40, 43), WINDOW, true)).isEqualTo(Partition.WARN);
        assertThat(LagStatus.partition(window(40, 40, 40, 41, 40, 43, 40, 44, 40, 46, 40, 47), WINDOW, true))
                .isEqualTo(Partition.WARN);
        assertThat(LagStatus.partition(window(40, 41, 40, 43, 40, 44, 40, 46, 40, 47, 40, 49), WINDOW, true))
                .isEqualTo(Partition.STALL);
        // stuck with a fixed lag (nothing new arrives) is as stalled
        assertThat(LagStatus.partition(window(40, 49, 40, 49, 40, 49, 40, 49, 40, 49, 40, 49), WINDOW, true))
                .isEqualTo(Partition.STALL);
    }

    @Test
    void aPartitionNobodyOwnsWhoseOffsetDoesNotMoveWhileLaggingIsStop() {
        assertThat(LagStatus.partition(window(40, 41, 40, 43, 40, 44, 40, 46, 40, 47, 40, 49), WINDOW, false))
                .isEqualTo(Partition.STOP);
    }

    @Test
    void aConsumerThatMovesButNeverCatchesUpIsWarn() {
        assertThat(LagStatus.partition(window(10, 20, 15, 30, 20, 40, 25, 50, 30, 60, 35, 70), WINDOW, true))
                .isEqualTo(Partition.WARN);
    }

    @Test
    void anOffsetThatGoesBackIsRewindWhateverElseHolds() {
        assertThat(LagStatus.partition(window(50, 60, 52, 60, 10, 60, 12, 60), WINDOW, true)).isEqualTo(Partition.REWIND);
    }

    @Test
    void aNoisyLagThatDoesNotGrowEverySampleIsNotAWarning() {
        // the lag was zero a moment ago and moved up and down since: Burrow's rule 1 says OK
        assertThat(LagStatus.partition(window(40, 40, 40, 43, 40, 42, 40, 45), WINDOW, true)).isEqualTo(Partition.OK);
        // growing, but the consumer commits: not the "stopped while lagging" early signal
        assertThat(LagStatus.partition(window(40, 40, 41, 43, 42, 46, 43, 49), WINDOW, true)).isEqualTo(Partition.OK);
    }

    @Test
    void aPartitionOfAConsumedTopicWithoutACommitCountsFromTheLogStart() {
        org.apache.kafka.common.TopicPartition p0 = new org.apache.kafka.common.TopicPartition("t", 0);
        org.apache.kafka.common.TopicPartition p2 = new org.apache.kafka.common.TopicPartition("t", 2);
        KafkaSample.Topic topic = new KafkaSample.Topic("t", List.of(new KafkaSample.Partition(0, 1, List.of(1), List.of(1)),
                new KafkaSample.Partition(1, 1, List.of(1), List.of(1)), new KafkaSample.Partition(2, 1, List.of(1), List.of(1))),
                1, 1000L, "delete", java.util.Map.of(0, 0L, 1, 0L, 2, 3L), java.util.Map.of(0, 5L, 1, 0L, 2, 10L));
        KafkaSample.Group group = new KafkaSample.Group("g", "STABLE", List.of(), java.util.Map.of(p0, 5L));
        KafkaSample sample = new KafkaSample(T0, "c", 1, List.of(), null, java.util.Map.of("t", topic),
                java.util.Map.of("g", group));
        assertThat(LagStatus.partitions(sample, group)).extracting(Object::toString).containsExactly("t-0", "t-1", "t-2");
        assertThat(LagStatus.effectiveCommitted(sample, group, p0)).isEqualTo(5);
        assertThat(LagStatus.effectiveCommitted(sample, group, p2)).isEqualTo(3);
        assertThat(LagStatus.window(List.of(sample), "g", p2)).containsExactly(new Point(T0, 3, 10));
    }

    @Test
    void aGroupIsItsWorstPartitionOrErrWhenItsPartitionsFailDifferently() {
        assertThat(LagStatus.group(List.of())).isEqualTo(Group.OK);
        assertThat(LagStatus.group(List.of(Partition.OK, Partition.WARN, Partition.OK))).isEqualTo(Group.WARN);
        assertThat(LagStatus.group(List.of(Partition.OK, Partition.STALL, Partition.WARN, Partition.STALL)))
                .isEqualTo(Group.STALL);
        assertThat(LagStatus.group(List.of(Partition.STOP, Partition.OK))).isEqualTo(Group.STOP);
        assertThat(LagStatus.group(List.of(Partition.STALL, Partition.STOP))).isEqualTo(Group.ERR);
        assertThat(LagStatus.group(List.of(Partition.REWIND, Partition.WARN))).isEqualTo(Group.REWIND);
    }
}
