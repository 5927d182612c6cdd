package dev.evalplane.judge.scorer.code;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.scorer.MissingInputException;
import dev.evalplane.judge.tracing.StoredSpans;

/**
 * {@code sub_agent_routing}: which sub-agents (AGENT spans below the root) the trace invoked, against
 * {@code expectations.expected_sub_agents} (or the scorer's {@code expected_sub_agents}): {@code exact} (the same set,
 * the default) or {@code contains} (every expected one was invoked; others allowed).
 */
final class SubAgentRoutingCheck implements CodeCheck {

    static final String TYPE = "sub_agent_routing";

    private final String match;
    private final List<String> fallback;

    private SubAgentRoutingCheck(String match, List<String> fallback) {
        this.match = match;
        this.fallback = fallback;
    }

    static SubAgentRoutingCheck from(CheckParams params) {
        params.allow("match", "expected_sub_agents");
        return new SubAgentRoutingCheck(params.oneOf("match", List.of("exact", "contains"), "exact"),
                params.texts("expected_sub_agents"));
    }

    @Override
    public boolean needsTrace() {
        return true;
    }

    @Override
    public List<CheckResult> apply(EvalRow row) {
        Set<String> expected = new LinkedHashSet<>(expected(row));
        Set<String> invoked = new LinkedHashSet<>();
        row.traceView().ofType("AGENT").stream().filter(s -> !StoredSpans.isRoot(s))
                .forEach(s -> invoked.add(s.path("name").asText()));
        boolean pass = "contains".equals(match) ? invoked.containsAll(expected) : invoked.equals(expected);
        return List.of(CheckResult.pass(pass, "the agent routed to " + invoked + "; expected " + expected + " (" + match
                + ")"));
    }

    private List<String> expected(EvalRow row) {
        JsonNode given = row.expectations() == null ? null : row.expectations().get("expected_sub_agents");
        if (given != null && !given.isNull()) {
            return RowValues.names(given, "expected_sub_agents");
        }
        if (fallback != null) {
            return fallback;
        }
        throw new MissingInputException(TYPE + " needs expectations expected_sub_agents, and this row has none");
    }
}
