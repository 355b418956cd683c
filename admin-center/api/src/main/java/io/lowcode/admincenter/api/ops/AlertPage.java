package io.lowcode.admincenter.api.ops;

import java.util.List;

/**
 * One page of the alert history, newest first.
 *
 * @param items the alerts of this page
 * @param page  page number from 0
 * @param size  page size asked for
 * @param total how many alerts match the filters
 */
public record AlertPage(List<Alert> items, int page, int size, long total) {
}
