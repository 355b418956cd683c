package io.lowcode.portal.execution.budget;

/**
 * How many bytes one rendering may still produce: every referenced value and every piece of text is charged before it
 * is copied, so a template that references a large value many times (or a value that doubles itself in a loop) fails
 * after producing at most the budget, instead of exhausting memory.
 */
public final class RenderBudget {

    private final long limit;
    private final String what;
    private long left;

    /**
     * @param limit bytes the rendering may produce
     * @param what  what is rendered, for the error ({@code output of step 'x'})
     */
    public RenderBudget(long limit, String what) {
        this.limit = limit;
        this.what = what;
        this.left = limit;
    }

    /** What is left. */
    public long left() {
        return left;
    }

    /** Charges {@code bytes}; fails when the budget is exceeded. */
    public void charge(long bytes) {
        left -= bytes;
        if (left < 0) {
            throw exceeded();
        }
    }

    /** The failure this budget ends with. */
    public BudgetExceeded exceeded() {
        return new BudgetExceeded(what + " is larger than " + limit + " bytes (lowcode.execution.max-step-output)");
    }
}
