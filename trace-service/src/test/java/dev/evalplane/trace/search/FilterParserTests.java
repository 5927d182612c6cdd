package dev.evalplane.trace.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class FilterParserTests {

    @Test
    void parsesAttributesWithAndWithoutPrefixes() {
        List<FilterClause> clauses = FilterParser.parse(
                "attributes.timestamp_ms > 1700000000000 AND trace.execution_time_ms <= 250 and status = 'ok'"
                        + " AND run_id = 'r1' AND attribute.name LIKE 'agent%'");
        assertThat(clauses).hasSize(5);
        assertThat(clauses.get(0)).isEqualTo(new FilterClause(new FilterField.Attribute(TraceAttribute.TIMESTAMP),
                Comparator.GT, List.of(1_700_000_000_000L), 0));
        assertThat(clauses.get(1).field()).isEqualTo(new FilterField.Attribute(TraceAttribute.EXECUTION_TIME));
        assertThat(clauses.get(1).comparator()).isEqualTo(Comparator.LE);
        assertThat(clauses.get(2).values()).containsExactly("OK");
        assertThat(clauses.get(3).field()).isEqualTo(new FilterField.Attribute(TraceAttribute.RUN_ID));
        assertThat(clauses.get(4).comparator()).isEqualTo(Comparator.LIKE);
    }

    @Test
    void parsesQuotedAndDottedKeys() {
        List<FilterClause> clauses = FilterParser.parse("tags.`mlflow.traceName` = 'agent' AND"
                + " request_metadata.\"mlflow.sourceRun\" != 'r2' AND metadata.mlflow.user ILIKE '%ann%'"
                + " AND tags.`we``ird key` IS NOT NULL AND tag.team IS NULL");
        assertThat(clauses).extracting(FilterClause::field).containsExactly(
                new FilterField.Tag("mlflow.traceName"), new FilterField.Metadata("mlflow.sourceRun"),
                new FilterField.Metadata("mlflow.user"), new FilterField.Tag("we`ird key"), new FilterField.Tag("team"));
        assertThat(clauses).extracting(FilterClause::comparator).containsExactly(Comparator.EQ, Comparator.NE,
                Comparator.ILIKE, Comparator.IS_NOT_NULL, Comparator.IS_NULL);
        assertThat(clauses.get(3).values()).isEmpty();
    }

    @Test
    void parsesInListsAndEscapedQuotes() {
        List<FilterClause> clauses = FilterParser.parse("status IN ('OK', 'ERROR') AND tags.x NOT IN ('it''s', \"b\")");
        assertThat(clauses.get(0).values()).containsExactly("OK", "ERROR");
        assertThat(clauses.get(1).comparator()).isEqualTo(Comparator.NOT_IN);
        assertThat(clauses.get(1).values()).containsExactly("it's", "b");
    }

    @Test
    void injectionAttemptsStayInsideOneStringValue() {
        FilterClause clause = FilterParser.parse("tags.x = 'a'' OR 1=1 --'").get(0);
        assertThat(clause.field()).isEqualTo(new FilterField.Tag("x"));
        assertThat(clause.values()).containsExactly("a' OR 1=1 --");

        FilterClause key = FilterParser.parse("tags.`x'); DROP TABLE traces; --` = 'v'").get(0);
        assertThat(key.field()).isEqualTo(new FilterField.Tag("x'); DROP TABLE traces; --"));

        FilterClause unicode = FilterParser.parse("metadata.`ключ ✓` = '値 \uD83D\uDE00 \\'").get(0);
        assertThat(unicode.field()).isEqualTo(new FilterField.Metadata("ключ ✓"));
        assertThat(unicode.values()).containsExactly("値 \uD83D\uDE00 \\");
    }

    @Test
    void compiledSqlCarriesNoUserText() {
        String hostile = "a' OR 1=1 --";
        SqlParams params = new SqlParams();
        String sql = FilterSqlCompiler.compile(FilterParser.parse("tags.`k'--` = '" + hostile.replace("'", "''")
                + "' AND metadata.m LIKE '%x%' AND name IN ('n1', 'n2') AND timestamp_ms >= 5"), params);
        assertThat(sql).doesNotContain("OR 1=1").doesNotContain("k'--").doesNotContain("%x%").doesNotContain("n1");
        assertThat(sql).contains("t.tags @> jsonb_build_object($1::text, $2::text)");
        assertThat(params.values()).contains("k'--", hostile, "%x%", 5L);
    }

    @Test
    void errorsNameTheProblemAndItsPosition() {
        assertError("tags.x = 'open", "unterminated string", 9);
        assertError("status = 'OK' OR status = 'ERROR'", "OR is not supported", 14);
        assertError("foo = 'x'", "unknown attribute 'foo'", 0);
        assertError("span.name = 'x'", "unknown field 'span.name'", 0);
        assertError("timestamp_ms > 'yesterday'", "compares with a number", 15);
        assertError("timestamp_ms > 1.5", "whole number of milliseconds", 15);
        assertError("tags.x > 'a'", "> cannot be used with tags.x", 7);
        assertError("status = 'DONE'", "status must be one of", 9);
        assertError("status LIKE 'O%'", "LIKE cannot be used with status", 7);
        assertError("tags.x = 'a' AND", "expected a field name, found the end of the filter", 16);
        assertError("tags.x = bare", "expected a value", 9);
        assertError("tags.x IN 'a'", "expected '(' to open the IN list", 10);
        assertError("tags.x IN ('a' 'b')", "expected ',' or ')'", 15);
        assertError("tags.x NOT LIKE 'a'", "NOT must be followed by IN", 11);
        assertError("tags.x IS NOTHING", "expected NULL after IS", 10);
        assertError("tags.x = 'a' ; DROP TABLE traces", "unexpected character ';'", 13);
        assertError("tags.x = 'a\u0000b'", "NUL characters are not allowed", 11);
        assertError("tags.`unclosed = 'a'", "unterminated backtick-quoted name", 5);
        assertError("run_id LIKE 'r%'", "LIKE cannot be used with run_id", 7);
        assertError("tags.x = 12abc", "malformed number", 9);
    }

    @Test
    void blankFilterMeansNoCondition() {
        assertThat(FilterParser.parse(null)).isEmpty();
        assertThat(FilterParser.parse("   ")).isEmpty();
        assertThat(FilterSqlCompiler.compile(List.of(), new SqlParams())).isEqualTo("TRUE");
    }

    @Test
    void orderByAcceptsOnlyWhitelistedAttributes() {
        assertThat(OrderByParser.parse(List.of("timestamp_ms DESC", "attributes.execution_time_ms", "status asc")))
                .containsExactly(new OrderKey(TraceAttribute.TIMESTAMP, true),
                        new OrderKey(TraceAttribute.EXECUTION_TIME, false), new OrderKey(TraceAttribute.STATUS, false));
        assertThat(OrderByParser.parse(List.of())).containsExactly(OrderKey.DEFAULT);
        assertThatThrownBy(() -> OrderByParser.parse(List.of("tags.x DESC"))).isInstanceOf(FilterException.class)
                .hasMessageContaining("cannot order by 'tags.x DESC'");
        assertThatThrownBy(() -> OrderByParser.parse(List.of("timestamp_ms DESC; DROP TABLE traces")))
                .isInstanceOf(FilterException.class).hasMessageContaining("unexpected character ';'");
        assertThatThrownBy(() -> OrderByParser.parse(List.of("run_id"))).hasMessageContaining("cannot order by");
        assertThatThrownBy(() -> OrderByParser.parse(List.of("timestamp_ms sideways")))
                .hasMessageContaining("expected ASC, DESC");
    }

    @Test
    void keysetOfMixedDirectionsExpandsAndOfOneDirectionIsARowComparison() {
        SqlParams params = new SqlParams();
        String same = TraceSearchSql.keyset(List.of(OrderKey.DEFAULT), new PageToken(List.<Object>of(5L), "tr-1"), params);
        assertThat(same).isEqualTo("(t.request_time_ms, t.trace_id) < ($1::bigint, $2::text)");
        String mixed = TraceSearchSql.keyset(List.of(new OrderKey(TraceAttribute.STATUS, false), OrderKey.DEFAULT),
                new PageToken(List.<Object>of("OK", 5L), "tr-1"), new SqlParams());
        assertThat(mixed).isEqualTo("((t.state > $1::text) OR (t.state = $1::text AND t.request_time_ms < $2::bigint)"
                + " OR (t.state = $1::text AND t.request_time_ms = $2::bigint AND t.trace_id < $3::text))");
    }

    private static void assertError(String filter, String message, int position) {
        assertThatThrownBy(() -> FilterParser.parse(filter)).isInstanceOf(FilterException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((FilterException) e).position()).as("position of: " + message).isEqualTo(position));
    }
}
