package io.lowcode.admincenter.api;

import java.util.List;

/**
 * One page of the operations timeline, newest first.
 *
 * @param items the entries of this page
 * @param page  the page number, from 0
 * @param size  the page size asked for
 * @param total how many entries match the filters in all
 */
public record TimelinePage(List<TimelineEntry> items, int page, int size, long total) {
}
