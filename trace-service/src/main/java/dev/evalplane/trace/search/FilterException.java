package dev.evalplane.trace.search;

/** A filter_string or order_by that cannot be parsed or does not make sense; position is a 0-based character offset. */
public class FilterException extends RuntimeException {

    private final int position;

    public FilterException(String problem, int position) {
        super(problem + " at position " + position);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
