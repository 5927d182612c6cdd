package dev.evalplane.judge.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.scorer.BoundedRegex;
import dev.evalplane.judge.tracing.TraceView;

/**
 * A tool an agent judge calls to read the evaluated trace (MLflow's judge tool registry, §8 of the reference). The
 * trace is implicit: no tool takes a trace id. Bad arguments are IllegalArgumentExceptions, sent back to the model as
 * {@code "Error: <message>"}.
 */
public interface JudgeTool {

    String name();

    String description();

    /** JSON Schema of the arguments object. */
    ObjectNode parameters();

    JsonNode invoke(TraceView trace, JsonNode arguments);

    /** {@link #invoke(TraceView, JsonNode)} for tools that match user regexes within the judgement's {@code budget}. */
    default JsonNode invoke(TraceView trace, JsonNode arguments, BoundedRegex.Budget budget) {
        return invoke(trace, arguments);
    }
}
