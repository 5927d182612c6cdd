package dev.evalplane.trace.search;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.evalplane.trace.search.Token.Type;

/**
 * Recursive-descent parser for MLflow's search_traces filter:
 * <pre>
 * filter    := clause (AND clause)* END
 * clause    := field predicate
 * field     := name ('.' name)*            name := identifier | `backticked` | "double-quoted"
 * predicate := (= | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=) value | LIKE value | ILIKE value
 *            | [NOT] IN '(' value (',' value)* ')' | IS [NOT] NULL
 * value     := 'string' | "string" | number
 * </pre>
 * Keywords are case-insensitive. Each clause is then checked against its field ({@link ClauseRules}).
 */
public final class FilterParser {

    private static final Set<String> ATTRIBUTE_PREFIXES = Set.of("attributes", "attribute", "trace");
    private static final Set<String> TAG_PREFIXES = Set.of("tags", "tag");
    private static final Set<String> METADATA_PREFIXES = Set.of("metadata", "request_metadata");

    private final List<Token> tokens;
    private int index;

    private FilterParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The clauses of a filter (all must hold); none for a null or blank filter. */
    public static List<FilterClause> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        return new FilterParser(FilterTokenizer.tokenize(filter)).filter();
    }

    /** A field name alone (order_by uses the same syntax); returns the parser positioned after it. */
    static FilterParser forField(List<Token> tokens) {
        return new FilterParser(tokens);
    }

    private List<FilterClause> filter() {
        List<FilterClause> clauses = new ArrayList<>();
        clauses.add(clause());
        while (peek().isKeyword("AND")) {
            advance();
            clauses.add(clause());
        }
        Token t = peek();
        if (t.isKeyword("OR")) {
            throw new FilterException("OR is not supported; join conditions with AND", t.position());
        }
        if (t.type() != Type.END) {
            throw new FilterException("expected AND or the end of the filter, found " + t.describe(), t.position());
        }
        return clauses;
    }

    private FilterClause clause() {
        int start = peek().position();
        FilterField field = field();
        Token op = advance();
        List<ClauseRules.Literal> values = new ArrayList<>();
        Comparator comparator;
        if (op.type() == Type.OPERATOR) {
            comparator = Comparator.ofOperator(op.text());
            values.add(value());
        } else if (op.isKeyword("LIKE") || op.isKeyword("ILIKE")) {
            comparator = op.isKeyword("LIKE") ? Comparator.LIKE : Comparator.ILIKE;
            values.add(value());
        } else if (op.isKeyword("IN")) {
            comparator = Comparator.IN;
            values.addAll(list());
        } else if (op.isKeyword("NOT")) {
            Token in = advance();
            if (!in.isKeyword("IN")) {
                throw new FilterException("NOT must be followed by IN, found " + in.describe(), in.position());
            }
            comparator = Comparator.NOT_IN;
            values.addAll(list());
        } else if (op.isKeyword("IS")) {
            Token next = advance();
            boolean not = next.isKeyword("NOT");
            Token nul = not ? advance() : next;
            if (!nul.isKeyword("NULL")) {
                throw new FilterException("expected NULL after IS" + (not ? " NOT" : "") + ", found " + nul.describe(),
                        nul.position());
            }
            comparator = not ? Comparator.IS_NOT_NULL : Comparator.IS_NULL;
        } else {
            throw new FilterException("expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL,"
                    + " IS NOT NULL), found " + op.describe(), op.position());
        }
        return ClauseRules.check(field, comparator, values, start, op.position());
    }

    /** field := name ('.' name)*, resolved to an attribute, tag or metadata key. */
    FilterField field() {
        Token first = advance();
        if (!isName(first)) {
            throw new FilterException("expected a field name, found " + first.describe(), first.position());
        }
        List<String> rest = new ArrayList<>();
        while (peek().type() == Type.DOT) {
            advance();
            Token part = advance();
            if (!isName(part) && part.type() != Type.NUMBER) {
                throw new FilterException("expected a name after '.', found " + part.describe(), part.position());
            }
            rest.add(part.text());
        }
        String head = first.type() == Type.IDENTIFIER ? first.text().toLowerCase() : "";
        if (rest.isEmpty()) {
            return attribute(first.text(), first.position());
        }
        String key = String.join(".", rest);
        if (ATTRIBUTE_PREFIXES.contains(head)) {
            return attribute(key, first.position());
        }
        if (TAG_PREFIXES.contains(head)) {
            return new FilterField.Tag(key);
        }
        if (METADATA_PREFIXES.contains(head)) {
            return new FilterField.Metadata(key);
        }
        throw new FilterException("unknown field '" + first.text() + "." + key
                + "'; use attributes.<name>, tags.<key> or metadata.<key>", first.position());
    }

    private static FilterField attribute(String name, int position) {
        return new FilterField.Attribute(TraceAttribute.byName(name).orElseThrow(() -> new FilterException(
                "unknown attribute '" + name + "' (known: " + TraceAttribute.allNames() + ")", position)));
    }

    private List<ClauseRules.Literal> list() {
        Token open = advance();
        if (open.type() != Type.LEFT_PAREN) {
            throw new FilterException("expected '(' to open the IN list, found " + open.describe(), open.position());
        }
        List<ClauseRules.Literal> values = new ArrayList<>();
        values.add(value());
        while (peek().type() == Type.COMMA) {
            advance();
            values.add(value());
        }
        Token close = advance();
        if (close.type() != Type.RIGHT_PAREN) {
            throw new FilterException("expected ',' or ')' in the IN list, found " + close.describe(), close.position());
        }
        return values;
    }

    private ClauseRules.Literal value() {
        Token t = advance();
        return switch (t.type()) {
            case STRING, DOUBLE_QUOTED -> new ClauseRules.Literal(t.text(), t.position());
            case NUMBER -> new ClauseRules.Literal(new BigDecimal(t.text()), t.position());
            default -> throw new FilterException("expected a value ('quoted string' or number), found " + t.describe(),
                    t.position());
        };
    }

    Token peek() {
        return tokens.get(index);
    }

    Token advance() {
        Token t = tokens.get(index);
        if (t.type() != Type.END) {
            index++;
        }
        return t;
    }

    private static boolean isName(Token t) {
        return t.type() == Type.IDENTIFIER || t.type() == Type.BACKTICK_NAME || t.type() == Type.DOUBLE_QUOTED;
    }
}
