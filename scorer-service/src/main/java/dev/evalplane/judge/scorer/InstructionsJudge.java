package dev.evalplane.judge.scorer;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.provider.ChatRequest;
import dev.evalplane.judge.provider.ModelUri;

/**
 * A template judge (MLflow's make_judge / InstructionsJudge, field mode): the system message carries the
 * instructions and the output format for its {@code feedback_value_type}; the user message lists each variable the
 * instructions use as {@code <name>: <JSON>}, in order of first appearance. With {@code {{ trace }}} it is an agent
 * judge (MLflow's trace mode): the trace is not pasted; the judge reads it through tools
 * ({@code get_trace_info}, {@code list_spans}, {@code get_span}, {@code search_trace_regex}) over several rounds.
 */
public final class InstructionsJudge extends JudgeIdentity {

    private final String instructions;
    private final FeedbackValueType valueType;
    private final List<String> variables;

    public InstructionsJudge(String name, String instructions, FeedbackValueType valueType, ModelUri model,
            List<String> aggregations) {
        super(name, model, aggregations);
        this.instructions = instructions;
        this.valueType = valueType;
        this.variables = TemplateVariables.validate(instructions);
    }

    public List<String> variables() {
        return variables;
    }

    @Override
    public List<JudgeTask> tasks(EvalRow row) {
        boolean agent = variables.contains("trace");
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        StringBuilder user = new StringBuilder();
        for (String variable : variables) {
            JsonNode value = value(row, variable);
            if (variable.equals("trace")) {
                values.put("trace_id", row.traceId());
                user.append("trace: not pasted here; read trace ").append(row.traceId())
                        .append(" with the tools (").append(value.path("spans").size()).append(" spans)\n");
                continue;
            }
            values.set(variable, value);
            user.append(variable).append(": ").append(value.toString()).append('\n');
        }
        String system = PromptTemplates.render(agent ? "instructions_trace_system" : "instructions_system",
                Map.of("instructions", instructions)) + "\n\n" + OutputFormat.instructions(valueType);
        return List.of(new JudgeTask(name(), null, List.of(), new ChatRequest(system, user.toString().strip()), valueType,
                values, agent ? row.trace() : null));
    }

    private JsonNode value(EvalRow row, String variable) {
        JsonNode value = switch (variable) {
            case "inputs" -> row.inputs();
            case "outputs" -> row.outputs();
            case "expectations" -> row.expectations() == null || row.expectations().isEmpty() ? null : row.expectations();
            case "trace" -> row.trace();
            default -> throw new IllegalStateException("unvalidated variable " + variable);
        };
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new MissingInputException("Must specify '" + variable + "' - required by template variables of judge '"
                    + name() + "', and this row has none");
        }
        return value;
    }
}
