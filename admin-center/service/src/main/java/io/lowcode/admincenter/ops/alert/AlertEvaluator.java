package io.lowcode.admincenter.ops.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import io.lowcode.eventschema.runtime.messaging.UnitOfWork;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Evaluates every enabled {@link AlertRule} every {@code lowcode.ops.alerts.interval} on the one pod holding the
 * {@link EvaluatorLease}. A condition becomes an alert once it has held for its rule's {@code for} (kept in memory:
 * a pod taking over starts that clock again); {@link AlertStore} raises it once, notifies it unless silenced and
 * resolves it when it clears, and the events are published right after the commit. A rule that cannot be evaluated
 * (Kafka or a service unreachable) changes nothing about its alerts.
 */
@ApplicationScoped
public class AlertEvaluator {

    private final List<AlertRule> rules = new ArrayList<>();
    private final AlertStore store;
    private final EvaluatorLease lease;
    private final UnitOfWork units;
    private final AlertsConfig config;
    private final Map<String, Instant> pendingSince = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    public AlertEvaluator(Instance<AlertRule> rules, AlertStore store, EvaluatorLease lease, UnitOfWork units,
            AlertsConfig config) {
        rules.forEach(rule -> {
            if (rule.config().enabled()) {
                this.rules.add(rule);
            }
        });
        this.rules.sort(java.util.Comparator.comparing(AlertRule::name));
        this.store = store;
        this.lease = lease;
        this.units = units;
        this.config = config;
    }

    @Scheduled(every = "${lowcode.ops.alerts.interval:15s}", delayed = "${lowcode.ops.alerts.interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!config.enabled() || stopped) {
            return Uni.createFrom().voidItem();
        }
        return lease.acquire(config.leaseTtl())
                .flatMap(mine -> mine ? evaluate().replaceWithVoid() : Uni.createFrom().voidItem())
                .onFailure().invoke(failure -> Log.warnf("alert evaluation failed, next in %s: %s", config.interval(),
                        failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** One evaluation of every rule (the lease already held); what it raised and resolved. */
    public Uni<AlertStore.Outcome> evaluate() {
        List<Uni<RuleResult>> results = rules.stream().map(this::evaluate).toList();
        return Uni.join().all(results).andFailFast().flatMap(done -> {
            Instant now = Instant.now();
            Set<String> evaluated = new HashSet<>();
            Set<String> holding = new HashSet<>();
            List<Condition> due = new ArrayList<>();
            for (RuleResult r : done) {
                if (r.conditions() == null) {
                    continue;
                }
                evaluated.add(r.rule().name());
                Duration hold = r.rule().config().forDuration();
                for (Condition c : r.conditions()) {
                    holding.add(c.key());
                    Instant since = pendingSince.computeIfAbsent(c.key(), k -> now);
                    if (!now.isBefore(since.plus(hold))) {
                        due.add(c);
                    }
                }
            }
            pendingSince.keySet().removeIf(key -> !holding.contains(key) && evaluated.contains(ruleOf(key)));
            // the store commits the alert changes and their events; the unit publishes them after that commit
            return units.publishAfter(() -> store.apply(due, holding, evaluated)).map(UnitOfWork.Done::value);
        });
    }

    private record RuleResult(AlertRule rule, List<Condition> conditions) {
    }

    private Uni<RuleResult> evaluate(AlertRule rule) {
        return Uni.createFrom().deferred(rule::evaluate)
                .map(conditions -> new RuleResult(rule, conditions))
                .onFailure().recoverWithItem(failure -> {
                    Log.debugf("alert rule %s cannot be evaluated now: %s", rule.name(), failure.toString());
                    return new RuleResult(rule, null);
                });
    }

    private static String ruleOf(String key) {
        return key.substring(0, key.indexOf('\u0000'));
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        try {
            lease.release().await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            Log.debugf("could not give the alert evaluator's lease up (it runs out by itself): %s", e.toString());
        }
    }
}
