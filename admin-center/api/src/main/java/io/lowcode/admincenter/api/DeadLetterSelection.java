package io.lowcode.admincenter.api;

import java.util.List;

import jakarta.validation.Valid;

/**
 * The dead letters to replay or discard: listed {@code records}, or a {@code filter} — exactly one of the two.
 *
 * @param records the dead letters by coordinates
 * @param filter  the dead letters matching the filter (NEW ones unless it names a state)
 * @param force   replay what was replayed or discarded before, discard what was replayed (else 409)
 */
public record DeadLetterSelection(List<@Valid DeadLetterCoordinates> records, @Valid DeadLetterFilter filter,
                                  boolean force) {
}
