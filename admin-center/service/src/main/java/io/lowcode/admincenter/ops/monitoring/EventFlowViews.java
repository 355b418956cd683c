package io.lowcode.admincenter.ops.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.ops.EventFlow;

/** The event-flow view: per service and event type, totals and rates over the rate span, and the outbox. */
@ApplicationScoped
public class EventFlowViews {

    private final EventFlowSampler sampler;

    public EventFlowViews(EventFlowSampler sampler) {
        this.sampler = sampler;
    }

    public EventFlow flow() {
        Instant newest = null;
        List<EventFlow.ServiceFlow> services = new ArrayList<>();
        for (Map.Entry<String, ServiceMetrics[]> entry : sampler.latest().entrySet()) {
            ServiceMetrics now = entry.getValue()[0];
            ServiceMetrics before = entry.getValue()[1];
            newest = newest == null || now.at().isAfter(newest) ? now.at() : newest;
            if (now.error() != null) {
                services.add(new EventFlow.ServiceFlow(entry.getKey(), false, now.error(), null, null, List.of()));
                continue;
            }
            double seconds = before == null ? 0 : EventFlowSampler.seconds(before, now);
            List<EventFlow.TypeFlow> types = new ArrayList<>();
            for (String type : new TreeSet<>(now.types().keySet())) {
                ServiceMetrics.Counts c = now.types().get(type);
                ServiceMetrics.Counts b = before == null ? null : before.types().getOrDefault(type,
                        new ServiceMetrics.Counts(0, 0, 0, 0, 0));
                types.add(new EventFlow.TypeFlow(type, (long) c.published(), (long) c.publishFailed(),
                        (long) c.consumed(), (long) c.retried(), (long) c.deadLettered(),
                        rate(b == null ? null : c.published() - b.published(), seconds),
                        rate(b == null ? null : c.consumed() - b.consumed(), seconds),
                        rate(b == null ? null : c.retried() - b.retried(), seconds),
                        rate(b == null ? null : c.deadLettered() - b.deadLettered(), seconds)));
            }
            services.add(new EventFlow.ServiceFlow(entry.getKey(), true, null,
                    now.outboxPending() == null ? null : Math.round(now.outboxPending()), now.outboxOldestAge(), types));
        }
        return new EventFlow(newest, services);
    }

    private static Double rate(Double delta, double seconds) {
        return delta == null || seconds <= 0 ? null : MonitoringViews.round(Math.max(0, delta) / seconds);
    }
}
