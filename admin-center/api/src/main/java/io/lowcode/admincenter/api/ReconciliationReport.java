package io.lowcode.admincenter.api;

import java.time.Instant;
import java.util.List;

/**
 * One reconciliation of the portal's read models with the admin center's state.
 *
 * @param id               the run's id (also the correlation id of its repair events)
 * @param trigger          SCHEDULE or REQUEST
 * @param requestedBy      who asked for it (REQUEST), else {@code null}
 * @param startedAt        when it started
 * @param finishedAt       when it ended, or {@code null} while it runs
 * @param status           RUNNING, COMPLETED or FAILED
 * @param accountsChecked  accounts compared (the admin center's and the portal's, together)
 * @param functionsChecked function units compared
 * @param driftCount       differences found (confirmed by a second look)
 * @param repairedCount    of those, repaired through events
 * @param error            why it failed, for FAILED
 * @param drifts           the differences
 */
public record ReconciliationReport(String id, String trigger, String requestedBy, Instant startedAt, Instant finishedAt,
                                   String status, int accountsChecked, int functionsChecked, int driftCount,
                                   int repairedCount, String error, List<ReconciliationDrift> drifts) {
}
