package io.lowcode.admincenter.api.ops;

import java.util.List;

/**
 * One page of the fault history, newest first.
 *
 * @param items incidents of this page
 * @param page  page number from 0
 * @param size  page size asked for
 * @param total how many match
 */
public record IncidentPage(List<Incident> items, int page, int size, long total) {
}
