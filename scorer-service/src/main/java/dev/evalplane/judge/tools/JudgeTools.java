package dev.evalplane.judge.tools;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.provider.ToolCall;
import dev.evalplane.judge.provider.ToolDefinition;
import dev.evalplane.judge.scorer.BoundedRegex;
import dev.evalplane.judge.tracing.TraceView;

/** The tools an agent judge gets, and running one call: its JSON result, or {@code "Error: ..."} when it failed. */
public final class JudgeTools {

    private static final List<JudgeTool> TOOLS = List.of(new GetTraceInfoTool(), new ListSpansTool(), new GetSpanTool(),
            new SearchTraceRegexTool());

    /** A tool call's outcome: {@code output} is the result JSON (null on failure), {@code content} what the model gets. */
    public record Outcome(JsonNode output, String content, boolean failed) {
    }

    public static List<ToolDefinition> definitions() {
        return TOOLS.stream().map(t -> new ToolDefinition(t.name(), t.description(), t.parameters())).toList();
    }

    /**
     * Runs one call; a bad call is an error result for the model. A regex search past the judgement's time budget
     * throws {@link BoundedRegex.TooSlowException}: it ends the judgement.
     */
    public static Outcome invoke(TraceView trace, ToolCall call, BoundedRegex.Budget regexBudget) {
        JudgeTool tool = TOOLS.stream().filter(t -> t.name().equals(call.name())).findFirst().orElse(null);
        if (tool == null) {
            return failure("unknown tool '" + call.name() + "'; the tools are "
                    + TOOLS.stream().map(JudgeTool::name).toList());
        }
        if (call.arguments() != null && !call.arguments().isObject()) {
            return failure("the arguments of " + call.name() + " must be a JSON object, got " + call.arguments());
        }
        try {
            JsonNode output = tool.invoke(trace, call.arguments(), regexBudget);
            return new Outcome(output, output.toString(), false);
        } catch (IllegalArgumentException e) {
            return failure(e.getMessage());
        }
    }

    public static Outcome failure(String message) {
        return new Outcome(null, "Error: " + message, true);
    }

    private JudgeTools() {
    }
}
