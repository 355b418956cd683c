package io.lowcode.portal.execution.budget;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The size of a JSON value as it is written (UTF-8 bytes), measured by writing it to a counter that gives up past a
 * limit — so measuring a huge value costs no more than the limit, and nothing is kept in memory.
 */
public final class JsonSize {

    /**
     * Deepest nesting a step output or input may have: events wrap it in about eight more levels and accept 64 in
     * all (the event codec's limit).
     */
    public static final int MAX_DEPTH = 48;

    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamWriteConstraints(com.fasterxml.jackson.core.StreamWriteConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).build())
            .build());

    private JsonSize() {
    }

    /**
     * The size of {@code node}, or {@code -1} when it is larger than {@code limit}.
     *
     * @throws BudgetExceeded when it is nested deeper than {@link #MAX_DEPTH}
     */
    public static long of(JsonNode node, long limit) {
        Counter counter = new Counter(limit);
        try {
            JSON.writeValue(counter, node);
            return counter.count;
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException deep) {
            throw new BudgetExceeded("a value is nested more than " + MAX_DEPTH + " levels deep");
        } catch (IOException e) {
            if (e instanceof OverLimit || e.getCause() instanceof OverLimit || counter.count > limit) {
                return -1;
            }
            throw new IllegalStateException("cannot measure a JSON value", e);
        }
    }

    private static final class OverLimit extends IOException {
        OverLimit() {
            super("over the limit", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static final class Counter extends OutputStream {
        private final long limit;
        private long count;

        Counter(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
        }

        private void add(long n) throws OverLimit {
            count += n;
            if (count > limit) {
                throw new OverLimit();
            }
        }
    }
}
