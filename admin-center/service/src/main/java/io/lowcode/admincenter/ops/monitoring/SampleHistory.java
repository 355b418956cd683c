package io.lowcode.admincenter.ops.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sampler's memory: the newest samples (enough for a consumer group's window and for one rate span), and per
 * topic its end offsets over {@code lowcode.ops.sampling.history} (for the dead-letter rule). Thread-safe: the
 * sampler writes, the API and the alert rules read.
 */
@ApplicationScoped
public class SampleHistory {

    /** A topic's summed end offset at one time. */
    public record Point(Instant at, long endOffsets) {
    }

    private final int keep;
    private final int windowSize;
    private final Duration rateSpan;
    private final Duration history;
    private final Deque<KafkaSample> samples = new ArrayDeque<>();
    private final Map<String, Deque<Point>> endOffsets = new HashMap<>();
    private volatile String lastError;

    public SampleHistory(SamplingConfig config) {
        this.windowSize = Math.max(3, config.window());
        this.rateSpan = config.rateSpan();
        this.history = config.history();
        long forRates = config.rateSpan().toMillis() / Math.max(1, config.interval().toMillis()) + 2;
        this.keep = (int) Math.max(windowSize, forRates);
    }

    public synchronized void add(KafkaSample sample) {
        samples.addLast(sample);
        while (samples.size() > keep) {
            samples.removeFirst();
        }
        Instant oldest = sample.at().minus(history);
        sample.topics().values().forEach(topic -> {
            Deque<Point> series = endOffsets.computeIfAbsent(topic.name(), t -> new ArrayDeque<>());
            series.addLast(new Point(sample.at(), topic.endOffsetSum()));
            while (!series.isEmpty() && series.peekFirst().at().isBefore(oldest)) {
                series.removeFirst();
            }
        });
        endOffsets.keySet().removeIf(topic -> !sample.topics().containsKey(topic));
        lastError = null;
    }

    public void failed(String error) {
        lastError = error;
    }

    /** Why the last reading failed, or {@code null} when it worked. */
    public String lastError() {
        return lastError;
    }

    public synchronized Optional<KafkaSample> latest() {
        return Optional.ofNullable(samples.peekLast());
    }

    /** The newest samples of a consumer group's window, oldest first. */
    public synchronized List<KafkaSample> window() {
        List<KafkaSample> all = new ArrayList<>(samples);
        return all.subList(Math.max(0, all.size() - windowSize), all.size());
    }

    public int windowSize() {
        return windowSize;
    }

    /** Every kept sample, oldest first (enough for one rate span). */
    public synchronized List<KafkaSample> all() {
        return new ArrayList<>(samples);
    }

    /** Records appended to {@code topic} per second over the rate span; empty until two samples exist. */
    public synchronized Optional<Double> produceRate(String topic, Instant now) {
        Deque<Point> series = endOffsets.get(topic);
        if (series == null || series.size() < 2) {
            return Optional.empty();
        }
        Point last = series.peekLast();
        Point first = null;
        for (Point p : series) {
            if (!p.at().isBefore(now.minus(rateSpan))) {
                first = p;
                break;
            }
        }
        if (first == null || first == last) {
            first = new ArrayList<>(series).get(series.size() - 2);
        }
        double seconds = Duration.between(first.at(), last.at()).toMillis() / 1000.0;
        return seconds <= 0 ? Optional.empty() : Optional.of(Math.max(0, last.endOffsets() - first.endOffsets()) / seconds);
    }

    /** How many records {@code topic} gained within {@code lookback} of its newest point; empty without history. */
    public synchronized Optional<long[]> growth(String topic, Duration lookback) {
        Deque<Point> series = endOffsets.get(topic);
        if (series == null || series.isEmpty()) {
            return Optional.empty();
        }
        Point last = series.peekLast();
        Point first = series.peekFirst();
        for (Point p : series) {
            if (!p.at().isBefore(last.at().minus(lookback))) {
                first = p;
                break;
            }
        }
        return Optional.of(new long[] { Math.max(0, last.endOffsets() - first.endOffsets()), first.endOffsets(),
                last.endOffsets() });
    }
}
