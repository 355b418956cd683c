package io.lowcode.admincenter.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String SCRAPE = """
            # HELP lowcode_events_published_total
            # TYPE lowcode_events_published_total counter
            lowcode_events_published_total{outcome="acknowledged",type="workflow.execution-started"} 120.0
            lowcode_events_published_total{outcome="failed",type="workflow.execution-started"} 3.0
            lowcode_events_consumed_total{outcome="applied",type="permission.granted"} 7.0
            lowcode_events_consumed_total{outcome="duplicate",type="permission.granted"} 2.0
            lowcode_events_retried_total{type="permission.granted"} 4.0
            lowcode_events_dead_lettered_total{kind="invalid-event",type="permission.granted"} 1.0
            lowcode_outbox_pending 5.0
            lowcode_outbox_oldest_pending_age_seconds 12.5
            weird_metric{path="a \\"quoted\\" \\\\ value",x="y"} 1e3 1700000000000
            broken_line_without_value
            jvm_threads_live_threads 42.0
            """;

    @Test
    void linesWithLabelsEscapesAndTimestampsAreReadAndBrokenLinesSkipped() {
        List<PrometheusText.Sample> samples = PrometheusText.parse(SCRAPE);
        assertThat(samples).hasSize(10);
        assertThat(samples).contains(new PrometheusText.Sample("weird_metric",
                Map.of("path", "a \"quoted\" \\ value", "x", "y"), 1000.0));
        assertThat(samples).contains(new PrometheusText.Sample("jvm_threads_live_threads", Map.of(), 42.0));
    }

    @Test
    void theMessagingNumbersOfAServiceAreSummedPerEventType() {
        ServiceMetrics metrics = ServiceMetrics.of("portal", Instant.EPOCH, PrometheusText.parse(SCRAPE));
        assertThat(metrics.types()).containsOnlyKeys("workflow.execution-started", "permission.granted");
        assertThat(metrics.types().get("workflow.execution-started"))
                .isEqualTo(new ServiceMetrics.Counts(120, 3, 0, 0, 0));
        assertThat(metrics.types().get("permission.granted")).isEqualTo(new ServiceMetrics.Counts(0, 0, 9, 4, 1));
        assertThat(metrics.outboxPending()).isEqualTo(5.0);
        assertThat(metrics.outboxOldestAge()).isEqualTo(12.5);
        assertThat(metrics.publishTotals()).containsExactly(120.0, 3.0);
    }
}
