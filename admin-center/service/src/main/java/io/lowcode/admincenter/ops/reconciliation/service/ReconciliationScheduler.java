package io.lowcode.admincenter.ops.reconciliation.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.ops.OpsConfig;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Runs the reconciliation every {@code lowcode.ops.reconciliation.interval} (15 min) unless
 * {@code lowcode.ops.reconciliation.enabled=false}; a tick while another pod's run is going is skipped.
 */
@ApplicationScoped
public class ReconciliationScheduler {

    private final Reconciler reconciler;
    private final OpsConfig.Reconciliation config;

    public ReconciliationScheduler(Reconciler reconciler, OpsConfig config) {
        this.reconciler = reconciler;
        this.config = config.reconciliation();
    }

    @Scheduled(every = "${lowcode.ops.reconciliation.interval:15M}", delayed = "${lowcode.ops.reconciliation.interval:15M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return reconciler.run(Reconciler.SCHEDULE, null)
                .replaceWithVoid()
                .onFailure(ProblemException.class).recoverWithUni(busy -> {
                    Log.debugf("scheduled reconciliation skipped: %s", busy.getMessage());
                    return Uni.createFrom().voidItem();
                })
                .onFailure().invoke(failure -> Log.warnf("scheduled reconciliation could not start: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }
}
