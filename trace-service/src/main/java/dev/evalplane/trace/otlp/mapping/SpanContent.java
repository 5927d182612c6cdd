package dev.evalplane.trace.otlp.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A span's inputs and outputs, first convention that has them: MLflow's {@code mlflow.spanInputs}/
 * {@code mlflow.spanOutputs}, then OpenInference's {@code input.value}/{@code output.value}, then GenAI's
 * {@code gen_ai.input.messages}/{@code gen_ai.output.messages} (or a tool call's arguments/result). Null if none.
 */
public final class SpanContent {

    private SpanContent() {
    }

    public static JsonNode inputs(SpanAttributes attributes) {
        return MlflowAttributes.inputs(attributes)
                .or(() -> OpenInferenceAttributes.inputs(attributes))
                .or(() -> GenAiAttributes.inputs(attributes))
                .orElse(null);
    }

    public static JsonNode outputs(SpanAttributes attributes) {
        return MlflowAttributes.outputs(attributes)
                .or(() -> OpenInferenceAttributes.outputs(attributes))
                .or(() -> GenAiAttributes.outputs(attributes))
                .orElse(null);
    }
}
