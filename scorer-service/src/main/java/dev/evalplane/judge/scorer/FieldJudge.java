package dev.evalplane.judge.scorer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.provider.ChatRequest;
import dev.evalplane.judge.provider.ModelUri;

/**
 * A built-in judge that reads the row's request, response and expectations and gives one yes/no verdict on the row
 * (Correctness, RelevanceToQuery, Safety, Guidelines, ExpectationsGuidelines, Completeness).
 */
public final class FieldJudge extends JudgeIdentity {

    private final String prompt;
    private final Function<EvalRow, Map<String, String>> variables;
    private final Function<EvalRow, JsonNode> evaluatorInputs;

    public FieldJudge(String name, ModelUri model, List<String> aggregations, String prompt,
            Function<EvalRow, Map<String, String>> variables, Function<EvalRow, JsonNode> evaluatorInputs) {
        super(name, model, aggregations);
        this.prompt = prompt;
        this.variables = variables;
        this.evaluatorInputs = evaluatorInputs;
    }

    @Override
    public List<JudgeTask> tasks(EvalRow row) {
        String user = PromptTemplates.render(prompt, variables.apply(row));
        ChatRequest request = new ChatRequest(OutputFormat.builtinSystem(FeedbackValueType.YES_NO), user);
        return List.of(new JudgeTask(name(), null, List.of(), request, FeedbackValueType.YES_NO, evaluatorInputs.apply(row)));
    }
}
