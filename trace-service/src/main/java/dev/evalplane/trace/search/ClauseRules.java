package dev.evalplane.trace.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Which comparators and values each field accepts; turns literals into the values the SQL binds. */
final class ClauseRules {

    record Literal(Object value, int position) {
    }

    private static final Set<Comparator> NUMERIC = EnumSet.of(Comparator.EQ, Comparator.NE, Comparator.LT,
            Comparator.LE, Comparator.GT, Comparator.GE);
    private static final Set<Comparator> EQUALITY = EnumSet.of(Comparator.EQ, Comparator.NE, Comparator.IN,
            Comparator.NOT_IN);
    private static final Set<Comparator> TEXT = EnumSet.of(Comparator.EQ, Comparator.NE, Comparator.IN,
            Comparator.NOT_IN, Comparator.LIKE, Comparator.ILIKE);
    private static final Set<Comparator> MAP_ENTRY = EnumSet.of(Comparator.EQ, Comparator.NE, Comparator.IN,
            Comparator.NOT_IN, Comparator.LIKE, Comparator.ILIKE, Comparator.IS_NULL, Comparator.IS_NOT_NULL);

    static FilterClause check(FilterField field, Comparator comparator, List<Literal> literals, int start,
            int comparatorPosition) {
        String name;
        Set<Comparator> allowed;
        boolean numeric = false;
        if (field instanceof FilterField.Attribute a) {
            name = a.attribute().displayName();
            numeric = a.attribute().kind() == TraceAttribute.Kind.NUMBER;
            allowed = numeric ? NUMERIC
                    : a.attribute() == TraceAttribute.STATUS || a.attribute() == TraceAttribute.RUN_ID ? EQUALITY : TEXT;
        } else {
            name = field instanceof FilterField.Tag t ? "tags." + t.key() : "metadata." + ((FilterField.Metadata) field).key();
            allowed = MAP_ENTRY;
        }
        if (!allowed.contains(comparator)) {
            throw new FilterException(comparator.text() + " cannot be used with " + name + " (allowed: "
                    + String.join(", ", allowed.stream().map(Comparator::text).toList()) + ")", comparatorPosition);
        }
        List<Object> values = new ArrayList<>();
        for (Literal literal : literals) {
            values.add(numeric ? wholeNumber(name, literal) : text(name, literal, field));
        }
        return new FilterClause(field, comparator, List.copyOf(values), start);
    }

    private static Long wholeNumber(String name, Literal literal) {
        if (!(literal.value() instanceof BigDecimal number)) {
            throw new FilterException(name + " compares with a number (milliseconds), not a string", literal.position());
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw new FilterException(name + " compares with a whole number of milliseconds, got " + number.toPlainString(),
                    literal.position());
        }
    }

    private static String text(String name, Literal literal, FilterField field) {
        if (!(literal.value() instanceof String text)) {
            throw new FilterException(name + " compares with a 'quoted string', got the number "
                    + ((BigDecimal) literal.value()).toPlainString(), literal.position());
        }
        if (field instanceof FilterField.Attribute a && a.attribute() == TraceAttribute.STATUS) {
            String state = text.toUpperCase();
            if (!TraceAttribute.STATES.contains(state)) {
                throw new FilterException("status must be one of " + TraceAttribute.STATES + ", got '" + text + "'",
                        literal.position());
            }
            return state;
        }
        return text;
    }

    private ClauseRules() {
    }
}
