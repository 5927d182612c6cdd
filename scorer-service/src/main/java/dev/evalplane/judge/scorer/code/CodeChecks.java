package dev.evalplane.judge.scorer.code;

import java.util.List;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.http.ScorerSpec;

/** The library of code checks, by {@code type}; parameters are validated here (IllegalArgumentException = 400). */
public final class CodeChecks {

    public static final List<String> TYPES = List.of(ExactMatchCheck.TYPE, ContainsCheck.TYPE, RegexCheck.TYPE,
            JsonValidCheck.TYPE, LatencyThresholdCheck.TYPE, ToolCallTrajectoryCheck.TYPE,
            RetrievedDocumentRecallCheck.TYPE, SubAgentRoutingCheck.TYPE, PerStageLatencyCheck.TYPE);

    /** The check of {@code {"type": ..., ...}}. */
    public static CodeCheck create(ScorerSpec.Check code) {
        if (code.type() == null) {
            throw new IllegalArgumentException("\"code\" must be an object {\"type\": one of " + TYPES + ", ...}");
        }
        String type = code.type();
        CheckParams params = new CheckParams(EventJson.mapper().valueToTree(code), type);
        return switch (type) {
            case ExactMatchCheck.TYPE -> ExactMatchCheck.from(params);
            case ContainsCheck.TYPE -> ContainsCheck.from(params);
            case RegexCheck.TYPE -> RegexCheck.from(params);
            case JsonValidCheck.TYPE -> JsonValidCheck.from(params);
            case LatencyThresholdCheck.TYPE -> LatencyThresholdCheck.from(params);
            case ToolCallTrajectoryCheck.TYPE -> ToolCallTrajectoryCheck.from(params);
            case RetrievedDocumentRecallCheck.TYPE -> RetrievedDocumentRecallCheck.from(params);
            case SubAgentRoutingCheck.TYPE -> SubAgentRoutingCheck.from(params);
            case PerStageLatencyCheck.TYPE -> PerStageLatencyCheck.from(params);
            default -> throw new IllegalArgumentException("unknown code scorer type \"" + type + "\"; use one of " + TYPES);
        };
    }

    private CodeChecks() {
    }
}
