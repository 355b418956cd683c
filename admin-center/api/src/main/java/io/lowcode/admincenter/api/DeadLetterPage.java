package io.lowcode.admincenter.api;

import java.util.List;

/**
 * One page of the dead-letter index, newest first.
 *
 * @param items the dead letters of this page (without headers and payload)
 * @param page  the page number, from 0
 * @param size  the page size asked for
 * @param total how many dead letters match the filters in all
 */
public record DeadLetterPage(List<DeadLetter> items, int page, int size, long total) {
}
