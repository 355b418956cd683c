package io.lowcode.admincenter.api;

import java.util.List;

/**
 * One page of the delivery log, newest first.
 *
 * @param items the deliveries of this page
 * @param page  the page number, from 0
 * @param size  the page size asked for
 * @param total how many deliveries match the filters in all
 */
public record NotificationDeliveryPage(List<NotificationDelivery> items, int page, int size, long total) {
}
