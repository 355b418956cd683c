package io.lowcode.admincenter.ops.reconciliation.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.ReconciliationDrift;
import io.lowcode.admincenter.api.ReconciliationReport;
import io.lowcode.admincenter.ops.OpsConfig;
import io.lowcode.admincenter.ops.reconciliation.persistence.ReconciliationRuns;
import io.lowcode.eventschema.runtime.VertxContexts;
import io.lowcode.eventschema.runtime.messaging.UnitOfWork;
import io.lowcode.eventschema.runtime.rest.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * One reconciliation: reads the admin center's state and the portal's read models (through its ops API), compares
 * them object by object, looks again after {@code settle} so that an event still in flight is not taken for drift,
 * repairs each confirmed difference through an event that re-states the current state ({@link Repairs}), publishes
 * those events and records the report. At most one runs at a time across pods ({@link ReconciliationRuns}).
 * Counted in {@code lowcode_reconciliation_drift_total{read_model,kind}}.
 */
@ApplicationScoped
public class Reconciler {

    public static final String SCHEDULE = "SCHEDULE";
    public static final String REQUEST = "REQUEST";

    private final AdminStateReader admin;
    private final PortalReadModels portal;
    private final Repairs repairs;
    private final ReconciliationRuns runs;
    private final UnitOfWork units;
    private final MeterRegistry registry;
    private final OpsConfig.Reconciliation config;

    public Reconciler(AdminStateReader admin, PortalReadModels portal, Repairs repairs, ReconciliationRuns runs,
            UnitOfWork units, MeterRegistry registry, OpsConfig config) {
        this.admin = admin;
        this.portal = portal;
        this.repairs = repairs;
        this.runs = runs;
        this.units = units;
        this.registry = registry;
        this.config = config.reconciliation();
    }

    /** The state of both sides at one moment, and what differs. */
    private record Comparison(AdminState admin, PortalState portal, List<Drift> drifts) {
    }

    /**
     * Runs a reconciliation to its end and returns its report (FAILED with the reason when a side could not be read).
     *
     * @param requestedBy the user who asked for it, or {@code null} for the schedule
     * @throws io.lowcode.eventschema.runtime.problem.ProblemException 409 while another one runs
     */
    public Uni<ReconciliationReport> run(String trigger, String requestedBy) {
        Context context = Vertx.currentContext();
        return runs.start(trigger, requestedBy).flatMap(run -> {
            Caller caller = new Caller(requestedBy != null ? requestedBy : io.lowcode.admincenter.access.service
                    .TokenService.SERVICE_SUBJECT, run.id.toString());
            Log.infof("reconciliation %s started (%s%s)", run.id, trigger, requestedBy == null ? "" : " by " + requestedBy);
            return compare(context)
                    .flatMap(first -> first.drifts().isEmpty() ? Uni.createFrom().item(first)
                            : Uni.createFrom().voidItem().onItem().delayIt().by(config.settle())
                                    .emitOn(VertxContexts.executor(context))
                                    .flatMap(ignored -> compare(context))
                                    .map(second -> new Comparison(second.admin(), second.portal(),
                                            DriftFinder.confirmed(first.drifts(), second.drifts()))))
                    .flatMap(confirmed -> repairAll(confirmed, caller, context)
                            .flatMap(reported -> runs.finish(run.id, accounts(confirmed), functions(confirmed),
                                    reported, null)))
                    .onFailure().recoverWithUni(failure -> {
                        Log.errorf("reconciliation %s failed: %s", run.id, failure.toString());
                        return Uni.createFrom().voidItem().emitOn(VertxContexts.executor(context))
                                .flatMap(ignored -> runs.finish(run.id, 0, 0, List.of(), String.valueOf(
                                        failure.getMessage() != null ? failure.getMessage() : failure)));
                    })
                    .invoke(report -> Log.infof("reconciliation %s %s: %d account(s), %d function unit(s) checked, "
                            + "%d drift(s), %d repaired", report.id(), report.status().toLowerCase(),
                            report.accountsChecked(), report.functionsChecked(), report.driftCount(),
                            report.repairedCount()));
        });
    }

    private Uni<Comparison> compare(Context context) {
        return Uni.combine().all().unis(admin.read(), portal.read().emitOn(VertxContexts.executor(context)))
                .asTuple()
                .map((Tuple2<AdminState, PortalState> both) -> new Comparison(both.getItem1(), both.getItem2(),
                        DriftFinder.find(both.getItem1(), both.getItem2())));
    }

    /**
     * Repairs one drift after the other (one user's account before its grants), each in its own transaction, then
     * publishes the events of all of them (one unit of work).
     */
    private Uni<List<ReconciliationDrift>> repairAll(Comparison comparison, Caller caller, Context context) {
        List<ReconciliationDrift> reported = new ArrayList<>();
        return units.publishAfter(() -> repairEach(comparison, caller, reported))
                // the acknowledgements complete on Kafka's thread: back to the context for the report's transaction
                .emitOn(VertxContexts.executor(context))
                .map(done -> reported);
    }

    private Uni<Void> repairEach(Comparison comparison, Caller caller, List<ReconciliationDrift> reported) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Drift drift : comparison.drifts()) {
            chain = chain.flatMap(ignored -> repairs.repair(drift, comparison.portal(), caller)).map(repaired -> {
                registry.counter("lowcode.reconciliation.drift", "read_model", drift.kind().readModel(), "kind",
                        drift.kind().name()).increment();
                reported.add(new ReconciliationDrift(drift.kind().readModel(), drift.kind().name(), drift.subject(),
                        drift.detail(), repaired == null ? null : repaired.eventType(),
                        repaired == null ? null : repaired.eventId()));
                if (repaired != null) {
                    Log.infof("reconciliation %s repaired %s of %s with %s %s: %s", caller.correlationId(),
                            drift.kind(), drift.subject(), repaired.eventType(), repaired.eventId(), drift.detail());
                } else {
                    Log.warnf("reconciliation %s found %s of %s and cannot repair it: %s", caller.correlationId(),
                            drift.kind(), drift.subject(), drift.detail());
                }
                return null;
            });
        }
        return chain;
    }

    private static int accounts(Comparison comparison) {
        Set<Object> users = new HashSet<>(comparison.admin().accounts().keySet());
        users.addAll(comparison.portal().accounts().keySet());
        return users.size();
    }

    private static int functions(Comparison comparison) {
        Set<String> units = new HashSet<>(comparison.admin().deployments().keySet());
        units.addAll(comparison.portal().functionVersions().keySet());
        return units.size();
    }
}
