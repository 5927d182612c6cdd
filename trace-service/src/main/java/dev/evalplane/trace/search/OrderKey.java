package dev.evalplane.trace.search;

/** One order_by term. */
public record OrderKey(TraceAttribute attribute, boolean descending) {

    public static final OrderKey DEFAULT = new OrderKey(TraceAttribute.TIMESTAMP, true);

    public String sql() {
        return attribute.sortExpression() + (descending ? " DESC" : " ASC");
    }

    public String canonical() {
        return attribute.displayName() + (descending ? " DESC" : " ASC");
    }
}
