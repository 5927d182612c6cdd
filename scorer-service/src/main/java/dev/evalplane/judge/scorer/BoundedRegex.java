package dev.evalplane.judge.scorer;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * User-given regular expressions run against a time limit: the text is read through a CharSequence that fails once
 * the deadline has passed, so a catastrophically backtracking pattern cannot hold a thread.
 */
public final class BoundedRegex {

    public static final Duration DEFAULT_LIMIT = Duration.ofMillis(200);

    /** Thrown when matching ran past its time limit. */
    public static final class TooSlowException extends RuntimeException {
        TooSlowException(Duration limit) {
            super("the pattern took longer than " + limit.toMillis() + " ms to match");
        }
    }

    /** Compiles a pattern; IllegalArgumentException with the syntax error when it is not valid. */
    public static Pattern compile(String pattern, int flags) {
        try {
            return Pattern.compile(pattern, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression: " + e.getDescription() + " near index "
                    + e.getIndex());
        }
    }

    /** A matcher over {@code text} that throws {@link TooSlowException} once {@code limit} has passed. */
    public static Matcher matcher(Pattern pattern, String text, Duration limit) {
        return pattern.matcher(new Deadline(text, System.nanoTime() + limit.toNanos(), limit));
    }

    private record Deadline(CharSequence text, long deadlineNs, Duration limit) implements CharSequence {
        @Override
        public char charAt(int index) {
            if (System.nanoTime() > deadlineNs) {
                throw new TooSlowException(limit);
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.subSequence(start, end), deadlineNs, limit);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private BoundedRegex() {
    }
}
