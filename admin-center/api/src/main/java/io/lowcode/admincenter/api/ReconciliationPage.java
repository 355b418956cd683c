package io.lowcode.admincenter.api;

import java.util.List;

/**
 * One page of reconciliation reports, newest first.
 *
 * @param items the reports of this page
 * @param page  the page number, from 0
 * @param size  the page size asked for
 * @param total how many reports exist
 */
public record ReconciliationPage(List<ReconciliationReport> items, int page, int size, long total) {
}
