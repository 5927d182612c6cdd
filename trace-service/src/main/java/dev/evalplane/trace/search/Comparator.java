package dev.evalplane.trace.search;

/** Filter comparators (MLflow search_traces syntax). */
public enum Comparator {
    EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), LIKE("LIKE"), ILIKE("ILIKE"), IN("IN"),
    NOT_IN("NOT IN"), IS_NULL("IS NULL"), IS_NOT_NULL("IS NOT NULL");

    private final String text;

    Comparator(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static Comparator ofOperator(String operator) {
        return switch (operator) {
            case "=" -> EQ;
            case "!=" -> NE;
            case "<" -> LT;
            case "<=" -> LE;
            case ">" -> GT;
            case ">=" -> GE;
            default -> throw new IllegalArgumentException(operator);
        };
    }
}
