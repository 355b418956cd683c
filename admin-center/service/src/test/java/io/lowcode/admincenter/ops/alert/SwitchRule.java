package io.lowcode.admincenter.ops.alert;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.eventschema.payload.Severity;
import io.smallrye.mutiny.Uni;

/**
 * A rule the tests switch on and off ({@value #NAME}): its targets fire while they are in {@link #ON}. Registered in
 * the test application only; with nothing on it never fires, so other tests never see it.
 */
@ApplicationScoped
public class SwitchRule implements AlertRule {

    static final String NAME = "test-switch";
    static final List<String> ON = new CopyOnWriteArrayList<>();
    static volatile boolean broken;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AlertsConfig.Rule config() {
        return new AlertsConfig.Rule() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Severity severity() {
                return Severity.WARNING;
            }

            @Override
            public Duration forDuration() {
                return Duration.ZERO;
            }
        };
    }

    @Override
    public Uni<List<Condition>> evaluate() {
        if (broken) {
            return Uni.createFrom().failure(new IllegalStateException("cannot tell"));
        }
        return Uni.createFrom().item(() -> ON.stream().map(target -> new Condition(NAME, target, Severity.WARNING,
                "switch " + target + " is on", Map.of("target", target, "switch", "on"))).toList());
    }
}
