package io.lowcode.admincenter.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Where a dead letter is: its dead-letter topic, partition and offset (the key of the dead-letter index).
 *
 * @param topic     a dead-letter topic, e.g. {@code user-permission-events.dlq}
 * @param partition its partition
 * @param offset    the record's offset there
 */
public record DeadLetterCoordinates(@NotBlank String topic, @NotNull @PositiveOrZero Integer partition,
                                    @NotNull @PositiveOrZero Long offset) {

    /** {@code <topic>/<partition>/<offset>}, as in the detail URL and the {@code lowcode-replay-of} header. */
    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}
