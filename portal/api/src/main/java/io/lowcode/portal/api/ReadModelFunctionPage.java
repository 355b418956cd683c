package io.lowcode.portal.api;

import java.util.List;
import java.util.UUID;

/**
 * One page of the available functions, by function unit id.
 *
 * @param items the functions of this page, by function unit id
 * @param next  the {@code after} of the next page, or {@code null} when this is the last
 */
public record ReadModelFunctionPage(List<ReadModelFunction> items, UUID next) {
}
