package dev.evalplane.trace.otlp.mapping;

/**
 * The span type, first convention that says: {@code mlflow.spanType}, then OpenInference's
 * {@code openinference.span.kind}, then GenAI's {@code gen_ai.operation.name}, else UNKNOWN.
 */
public final class SpanTypes {

    public static final String UNKNOWN = "UNKNOWN";

    private SpanTypes() {
    }

    public static String resolve(SpanAttributes attributes) {
        return MlflowAttributes.spanType(attributes)
                .or(() -> OpenInferenceAttributes.spanType(attributes))
                .or(() -> GenAiAttributes.spanType(attributes))
                .orElse(UNKNOWN);
    }
}
