package io.lowcode.admincenter.ops.reconciliation.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lowcode.admincenter.api.ReconciliationDrift;
import io.lowcode.admincenter.api.ReconciliationPage;
import io.lowcode.admincenter.api.ReconciliationReport;
import io.lowcode.eventschema.runtime.persistence.SqlErrors;
import io.lowcode.eventschema.runtime.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The reconciliation reports: a run is started RUNNING (at most one across pods, by a unique index), then completed
 * or failed with what it found. A RUNNING run older than {@link #ABANDONED_AFTER} belonged to a pod that died; the
 * next start marks it FAILED.
 */
@ApplicationScoped
public class ReconciliationRuns {

    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);
    private static final Sort NEWEST_FIRST = Sort.descending("startedAt", "id");

    /**
     * Starts a run.
     *
     * @throws ProblemException 409 {@code reconciliation-running} while another one runs
     */
    @WithTransaction
    public Uni<ReconciliationRunEntity> start(String trigger, String requestedBy) {
        Instant now = now();
        return ReconciliationRunEntity.update("status = ?1, finishedAt = ?2, error = ?3 where status = ?4 and startedAt < ?5",
                        ReconciliationRunEntity.FAILED, now, "abandoned: its pod stopped before it ended",
                        ReconciliationRunEntity.RUNNING, now.minus(ABANDONED_AFTER))
                .flatMap(ignored -> {
                    ReconciliationRunEntity run = new ReconciliationRunEntity();
                    run.id = UUID.randomUUID();
                    run.trigger = trigger;
                    run.requestedBy = requestedBy;
                    run.startedAt = now;
                    run.status = ReconciliationRunEntity.RUNNING;
                    run.drifts = new ReconciliationRunEntity.Drifts(List.of());
                    return run.<ReconciliationRunEntity>persistAndFlush();
                })
                .onFailure(SqlErrors::isUniqueViolation).transform(e -> ProblemException.conflict(
                        "reconciliation-running", "another reconciliation is running; its report will be in "
                                + "GET /api/v1/ops/reconciliations"));
    }

    /** Records the outcome: COMPLETED with its counts and drifts, or FAILED with {@code error}. */
    @WithTransaction
    public Uni<ReconciliationReport> finish(UUID id, int accounts, int functions, List<ReconciliationDrift> drifts,
            String error) {
        return ReconciliationRunEntity.<ReconciliationRunEntity>findById(id).map(run -> {
            run.finishedAt = now();
            run.status = error == null ? ReconciliationRunEntity.COMPLETED : ReconciliationRunEntity.FAILED;
            run.accountsChecked = accounts;
            run.functionsChecked = functions;
            run.driftCount = drifts.size();
            run.repairedCount = (int) drifts.stream().filter(d -> d.eventId() != null).count();
            run.error = error;
            run.drifts = new ReconciliationRunEntity.Drifts(List.copyOf(drifts));
            return report(run);
        });
    }

    @WithSession
    public Uni<ReconciliationPage> list(int page, int size) {
        PanacheQuery<ReconciliationRunEntity> found = ReconciliationRunEntity.findAll(NEWEST_FIRST);
        found.page(Page.of(page, size));
        return found.list().flatMap(runs -> found.count().map(total -> new ReconciliationPage(
                runs.stream().map(ReconciliationRuns::report).toList(), page, size, total)));
    }

    /** @throws ProblemException 404 when unknown */
    @WithSession
    public Uni<ReconciliationReport> get(String id) {
        UUID runId;
        try {
            runId = UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            throw ProblemException.notFound("reconciliation", id);
        }
        return ReconciliationRunEntity.<ReconciliationRunEntity>findById(runId).map(run -> {
            if (run == null) {
                throw ProblemException.notFound("reconciliation", id);
            }
            return report(run);
        });
    }

    static ReconciliationReport report(ReconciliationRunEntity run) {
        return new ReconciliationReport(run.id.toString(), run.trigger, run.requestedBy, run.startedAt, run.finishedAt,
                run.status, run.accountsChecked, run.functionsChecked, run.driftCount, run.repairedCount, run.error,
                run.drifts == null || run.drifts.items() == null ? List.of() : run.drifts.items());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
