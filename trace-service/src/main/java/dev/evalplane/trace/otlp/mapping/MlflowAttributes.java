package dev.evalplane.trace.otlp.mapping;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.TokenUsage;

/**
 * MLflow's span attributes (MLFLOW_REFERENCE.md §1.5). MLflow JSON-encodes every {@code mlflow.*} value, except
 * the per-tag {@code mlflow.traceTag.<key>} attributes, which carry the plain tag value.
 */
public final class MlflowAttributes {

    static final String PREFIX = "mlflow.";
    static final String TRACE_TAG_PREFIX = "mlflow.traceTag.";
    static final String TRACE_REQUEST_ID = "mlflow.traceRequestId";
    static final String EXPERIMENT_ID = "mlflow.experimentId";
    /** Internal tag of MLflow's exporter, not a user tag (MLflow skips it too). */
    static final String SPANS_LOCATION_TAG = "mlflow.trace.spansLocation";

    private MlflowAttributes() {
    }

    static boolean isJsonEncoded(String key) {
        return key.startsWith(PREFIX) && !key.startsWith(TRACE_TAG_PREFIX);
    }

    static Optional<String> spanType(SpanAttributes attributes) {
        return attributes.text(MlflowKeys.SPAN_TYPE);
    }

    static Optional<JsonNode> inputs(SpanAttributes attributes) {
        return attributes.mlflowInputs();
    }

    static Optional<JsonNode> outputs(SpanAttributes attributes) {
        return attributes.mlflowOutputs();
    }

    static Optional<String> provider(SpanAttributes attributes) {
        return attributes.text(MlflowKeys.LLM_PROVIDER);
    }

    static Optional<String> model(SpanAttributes attributes) {
        return attributes.text(MlflowKeys.LLM_MODEL);
    }

    /** {@code mlflow.chat.tokenUsage}: {input_tokens, output_tokens, total_tokens, cache_*_input_tokens}. */
    static TokenUsage usage(SpanAttributes attributes) {
        return attributes.node(MlflowKeys.CHAT_TOKEN_USAGE).filter(JsonNode::isObject)
                .map(u -> Tokens.usage(
                        SpanAttributes.toCount(u.get("input_tokens")),
                        SpanAttributes.toCount(u.get("output_tokens")),
                        SpanAttributes.toCount(u.get("total_tokens")),
                        SpanAttributes.toCount(u.get("cache_read_input_tokens")),
                        SpanAttributes.toCount(u.get("cache_creation_input_tokens")),
                        SpanAttributes.toCount(u.get("reasoning_tokens"))))
                .orElse(null);
    }
}
