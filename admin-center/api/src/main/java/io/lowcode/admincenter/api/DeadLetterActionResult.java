package io.lowcode.admincenter.api;

import java.util.List;

/**
 * What a replay or discard did.
 *
 * @param action    {@code replay} or {@code discard}
 * @param records   the dead letters it applied to, in the order it handled them
 * @param unchanged of those, the ones that were already in the target state (a discard of a discarded one)
 */
public record DeadLetterActionResult(String action, List<DeadLetterCoordinates> records,
                                     List<DeadLetterCoordinates> unchanged) {
}
