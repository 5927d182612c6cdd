package dev.evalplane.trace.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.evalplane.trace.search.Token.Type;

/**
 * MLflow's experiment search filter ({@code search_experiments(filter_string=...)}) compiled to SQL over the
 * experiments view ({@code name, tags, creation_time_ms, last_update_time_ms}): clauses joined by {@code AND};
 * {@code [attribute.|attributes.]name} and {@code tags.<key>} (key bare with dots, `backticked` or "double-quoted")
 * compare with {@code = != LIKE ILIKE} to a 'string'; {@code creation_time} and {@code last_update_time} with
 * {@code = != < <= > >=} to a number. Every value is a bind parameter; anything else is a {@link FilterException}.
 */
public final class ExperimentFilter {

    private static final Set<String> STRING_OPERATORS = Set.of("=", "!=", "LIKE", "ILIKE");
    private static final Set<String> NUMBER_OPERATORS = Set.of("=", "!=", "<", "<=", ">", ">=");

    private final List<Token> tokens;
    private int pos;

    private ExperimentFilter(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The SQL condition ({@code TRUE} for a blank filter), its values added to {@code params}. */
    public static String toSql(String filter, SqlParams params) {
        if (filter == null || filter.isBlank()) {
            return "TRUE";
        }
        return new ExperimentFilter(FilterTokenizer.tokenize(filter)).conditions(params);
    }

    private String conditions(SqlParams params) {
        List<String> clauses = new ArrayList<>();
        clauses.add(clause(params));
        while (peek().isKeyword("AND")) {
            pos++;
            clauses.add(clause(params));
        }
        Token end = peek();
        if (end.type() != Type.END) {
            throw new FilterException("expected AND or the end of the filter, found " + end.describe(), end.position());
        }
        return String.join(" AND ", clauses);
    }

    private String clause(SqlParams params) {
        Token first = next();
        if (first.type() != Type.IDENTIFIER) {
            throw new FilterException("expected name, tags.<key>, creation_time or last_update_time, found "
                    + first.describe(), first.position());
        }
        String field = first.text().toLowerCase(Locale.ROOT);
        if ((field.equals("attribute") || field.equals("attributes")) && peek().type() == Type.DOT) {
            pos++;
            Token attribute = next();
            field = attribute.text().toLowerCase(Locale.ROOT);
            first = attribute;
        }
        switch (field) {
            case "name":
                return stringComparison("name", params);
            case "tags":
            case "tag":
                return stringComparison("(tags ->> " + params.add(tagKey(), "text") + ")", params);
            case "creation_time":
                return numberComparison("creation_time_ms", params);
            case "last_update_time":
                return numberComparison("last_update_time_ms", params);
            default:
                throw new FilterException("cannot filter experiments by '" + first.text()
                        + "' (allowed: name, tags.<key>, creation_time, last_update_time)", first.position());
        }
    }

    private String tagKey() {
        Token dot = next();
        if (dot.type() != Type.DOT) {
            throw new FilterException("expected '.' and a tag key after 'tags'", dot.position());
        }
        Token key = next();
        if (key.type() == Type.BACKTICK_NAME || key.type() == Type.DOUBLE_QUOTED) {
            return key.text();
        }
        if (key.type() != Type.IDENTIFIER) {
            throw new FilterException("expected a tag key, found " + key.describe(), key.position());
        }
        StringBuilder name = new StringBuilder(key.text());
        while (peek().type() == Type.DOT) {
            pos++;
            Token part = next();
            if (part.type() != Type.IDENTIFIER) {
                throw new FilterException("expected a tag key part, found " + part.describe(), part.position());
            }
            name.append('.').append(part.text());
        }
        return name.toString();
    }

    private String stringComparison(String column, SqlParams params) {
        Token operator = next();
        String op = operator.text().toUpperCase(Locale.ROOT);
        if (!(operator.type() == Type.OPERATOR || operator.type() == Type.IDENTIFIER) || !STRING_OPERATORS.contains(op)) {
            throw new FilterException("expected =, !=, LIKE or ILIKE, found " + operator.describe(), operator.position());
        }
        Token value = next();
        if (value.type() != Type.STRING) {
            throw new FilterException("expected a 'quoted string', found " + value.describe(), value.position());
        }
        String sqlOp = op.equals("!=") ? "IS DISTINCT FROM" : op;
        return column + " " + sqlOp + " " + params.add(value.text(), "text");
    }

    private String numberComparison(String column, SqlParams params) {
        Token operator = next();
        if (operator.type() != Type.OPERATOR || !NUMBER_OPERATORS.contains(operator.text())) {
            throw new FilterException("expected =, !=, <, <=, > or >=, found " + operator.describe(), operator.position());
        }
        Token value = next();
        if (value.type() != Type.NUMBER || value.text().contains(".")) {
            throw new FilterException("expected a whole number (milliseconds), found " + value.describe(),
                    value.position());
        }
        try {
            return column + " " + operator.text() + " " + params.add(Long.parseLong(value.text()), "bigint");
        } catch (NumberFormatException e) {
            throw new FilterException("number out of range: " + value.text(), value.position());
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token token = tokens.get(pos);
        if (token.type() != Type.END) {
            pos++;
        }
        return token;
    }
}
