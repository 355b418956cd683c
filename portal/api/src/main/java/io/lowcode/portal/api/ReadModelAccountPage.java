package io.lowcode.portal.api;

import java.util.List;
import java.util.UUID;

/**
 * One page of the permission cache, by user id.
 *
 * @param items the accounts of this page, by user id
 * @param next  the {@code after} of the next page, or {@code null} when this is the last
 */
public record ReadModelAccountPage(List<ReadModelAccount> items, UUID next) {
}
