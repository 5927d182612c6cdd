package dev.evalplane.trace.otlp.mapping;

import dev.evalplane.events.LlmCall;
import dev.evalplane.events.TokenUsage;

/**
 * The normalised {@code llm} block, each part from the first convention that has it, in the order MLflow
 * ({@code mlflow.llm.*}, {@code mlflow.chat.tokenUsage}), OTel GenAI ({@code gen_ai.*}), OpenInference
 * ({@code llm.*}). Usage is taken whole from one convention, never mixed field by field. Null unless the span
 * names a model or reports usage.
 */
public final class LlmCalls {

    private LlmCalls() {
    }

    public static LlmCall from(SpanAttributes attributes) {
        String model = MlflowAttributes.model(attributes)
                .or(() -> GenAiAttributes.model(attributes))
                .or(() -> OpenInferenceAttributes.model(attributes))
                .orElse(null);
        TokenUsage usage = usage(attributes);
        if (model == null && usage == null) {
            return null;
        }
        String provider = MlflowAttributes.provider(attributes)
                .or(() -> GenAiAttributes.provider(attributes))
                .or(() -> OpenInferenceAttributes.provider(attributes))
                .orElse(null);
        return new LlmCall(provider, model, usage);
    }

    /** The first convention that reports usage; the later ones are not looked at (this runs for every span). */
    private static TokenUsage usage(SpanAttributes attributes) {
        TokenUsage usage = MlflowAttributes.usage(attributes);
        if (usage == null) {
            usage = GenAiAttributes.usage(attributes);
        }
        return usage != null ? usage : OpenInferenceAttributes.usage(attributes);
    }
}
