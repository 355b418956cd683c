package io.lowcode.portal.execution.budget;

/** An execution went over one of its limits (size, steps, time, memory): it fails with this message. */
public final class BudgetExceeded extends RuntimeException {

    public BudgetExceeded(String message) {
        super(message, null, false, false);
    }
}
