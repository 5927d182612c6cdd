package dev.evalplane.trace.search;

import java.util.ArrayList;
import java.util.List;

import dev.evalplane.trace.search.Token.Type;

/**
 * Parses order_by terms such as {@code timestamp_ms DESC} or {@code attributes.execution_time_ms}. Only
 * sortable attributes are accepted (the whitelist is {@link TraceAttribute#sortExpression()}); ASC is the default
 * direction; no terms means {@code timestamp_ms DESC}.
 */
public final class OrderByParser {

    public static List<OrderKey> parse(List<String> terms) {
        if (terms == null || terms.isEmpty()) {
            return List.of(OrderKey.DEFAULT);
        }
        List<OrderKey> keys = new ArrayList<>();
        for (String term : terms) {
            keys.add(term(term == null ? "" : term));
        }
        return keys;
    }

    private static OrderKey term(String term) {
        FilterParser parser = FilterParser.forField(FilterTokenizer.tokenize(term));
        Token first = parser.peek();
        if (first.type() == Type.END) {
            throw new FilterException("empty order_by term", 0);
        }
        FilterField field = parser.field();
        if (!(field instanceof FilterField.Attribute a) || a.attribute().sortExpression() == null) {
            throw new FilterException("cannot order by '" + term.trim() + "' (allowed: timestamp_ms, execution_time_ms,"
                    + " status, request_id, name, experiment_id)", first.position());
        }
        boolean descending = false;
        Token direction = parser.advance();
        if (direction.isKeyword("DESC")) {
            descending = true;
            direction = parser.advance();
        } else if (direction.isKeyword("ASC")) {
            direction = parser.advance();
        }
        if (direction.type() != Type.END) {
            throw new FilterException("expected ASC, DESC or the end of the order_by term, found "
                    + direction.describe(), direction.position());
        }
        return new OrderKey(a.attribute(), descending);
    }

    private OrderByParser() {
    }
}
