package dev.evalplane.judge.scorer.code;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.scorer.MissingInputException;

/**
 * {@code tool_call_trajectory}: the names of the trace's TOOL spans, in start order, against
 * {@code expectations.expected_tool_calls} (names, or objects with a "name"): {@code exact} (same calls in the same
 * order, the default), {@code in_order} (the expected calls appear in this order, other calls between them allowed) or
 * {@code any_order} (every expected call appears, as often as expected).
 */
final class ToolCallTrajectoryCheck implements CodeCheck {

    static final String TYPE = "tool_call_trajectory";
    static final List<String> MODES = List.of("exact", "in_order", "any_order");

    private final String match;
    private final List<String> fallback;

    private ToolCallTrajectoryCheck(String match, List<String> fallback) {
        this.match = match;
        this.fallback = fallback;
    }

    static ToolCallTrajectoryCheck from(CheckParams params) {
        params.allow("match", "expected_tool_calls");
        return new ToolCallTrajectoryCheck(params.oneOf("match", MODES, "exact"), params.texts("expected_tool_calls"));
    }

    @Override
    public boolean needsTrace() {
        return true;
    }

    @Override
    public List<CheckResult> apply(EvalRow row) {
        List<String> expected = expected(row);
        List<String> actual = row.traceView().ofType("TOOL").stream().map(s -> s.path("name").asText()).toList();
        boolean pass = switch (match) {
            case "in_order" -> inOrder(actual, expected);
            case "any_order" -> anyOrder(actual, expected);
            default -> actual.equals(expected);
        };
        return List.of(CheckResult.pass(pass, "the agent called " + actual + "; expected " + expected + " (" + match + ")"));
    }

    private List<String> expected(EvalRow row) {
        JsonNode given = row.expectations() == null ? null : row.expectations().get("expected_tool_calls");
        if (given != null && !given.isNull()) {
            return RowValues.names(given, "expected_tool_calls");
        }
        if (fallback != null) {
            return fallback;
        }
        throw new MissingInputException(TYPE + " needs expectations expected_tool_calls, and this row has none");
    }

    static boolean inOrder(List<String> actual, List<String> expected) {
        int next = 0;
        for (String call : actual) {
            if (next < expected.size() && expected.get(next).equals(call)) {
                next++;
            }
        }
        return next == expected.size();
    }

    static boolean anyOrder(List<String> actual, List<String> expected) {
        List<String> remaining = new ArrayList<>(actual);
        for (String call : expected) {
            if (!remaining.remove(call)) {
                return false;
            }
        }
        return true;
    }
}
