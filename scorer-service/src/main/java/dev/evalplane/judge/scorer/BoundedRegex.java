package dev.evalplane.judge.scorer;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * User-given regular expressions (code regex scorers, the agent judge's {@code search_trace_regex}) run against a
 * time budget shared by everything one request check or one judgement matches ({@link Budget}): the text is read
 * through a CharSequence that fails once the budget's deadline has passed, so a catastrophically backtracking pattern
 * cannot hold a thread. Callers run matching on worker threads, never on the event loop.
 */
public final class BoundedRegex {

    public static final int MAX_PATTERN = 1000;

    /** Thrown when matching ran past its budget. */
    public static final class TooSlowException extends RuntimeException {
        TooSlowException(Budget budget) {
            super("regular expression matching took longer than " + budget.limit().toMillis() + " ms, the time budget"
                    + " per " + budget.scope() + "; simplify the pattern (nested repetition such as (.*a){3} backtracks"
                    + " catastrophically)", null, false, false);
        }
    }

    /**
     * The matching time one request check or one judgement may spend ({@code scope} names which), across all its
     * patterns, rows and spans; only time spent matching counts. Used by one thread at a time.
     */
    public static final class Budget {

        private final Duration limit;
        private final String scope;
        private long remainingNs;
        private long deadlineNs;

        private Budget(Duration limit, String scope) {
            this.limit = limit;
            this.scope = scope;
            this.remainingNs = limit.toNanos();
        }

        public static Budget of(Duration limit, String scope) {
            return new Budget(limit, scope);
        }

        public Duration limit() {
            return limit;
        }

        public String scope() {
            return scope;
        }

        /** Runs matching work on what is left of the budget; {@link TooSlowException} once it is spent. */
        public <T> T run(Supplier<T> work) {
            long start = System.nanoTime();
            deadlineNs = start + remainingNs;
            try {
                check();
                return work.get();
            } finally {
                remainingNs -= System.nanoTime() - start;
                deadlineNs = start;
            }
        }

        void check() {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new TooSlowException(this);
            }
        }
    }

    /** Compiles a pattern; IllegalArgumentException with the syntax error when it is not valid or too long. */
    public static Pattern compile(String pattern, int flags) {
        if (pattern.length() > MAX_PATTERN) {
            throw new IllegalArgumentException("the regular expression is longer than " + MAX_PATTERN + " characters");
        }
        try {
            return Pattern.compile(pattern, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression: " + e.getDescription() + " near index "
                    + e.getIndex());
        }
    }

    /** A matcher over {@code text}, to use inside {@link Budget#run}: it throws {@link TooSlowException} once the budget is spent. */
    public static Matcher matcher(Pattern pattern, String text, Budget budget) {
        return pattern.matcher(new Deadline(text, budget));
    }

    private record Deadline(CharSequence text, Budget budget) implements CharSequence {
        @Override
        public char charAt(int index) {
            budget.check();
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.subSequence(start, end), budget);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private BoundedRegex() {
    }
}
