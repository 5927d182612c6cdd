package dev.evalplane.trace.otlp.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.MlflowKeys;

/**
 * Trace tags and metadata carried by span attributes, as MLflow's OTLP exporter writes them and its server reads
 * them (MLFLOW_REFERENCE.md §4.4): {@code mlflow.traceTag.<key>} becomes tag {@code <key>} (for example
 * {@code mlflow.trace.sourceScorer} on judge traces); {@code session.id} (or GenAI's {@code gen_ai.conversation.id})
 * becomes metadata {@code mlflow.trace.session}, {@code user.id} becomes {@code mlflow.trace.user}; the request's
 * {@code x-mlflow-run-id} becomes {@code mlflow.sourceRun}. Null when there is nothing.
 */
public final class TraceLevelFields {

    static final String TRACE_SESSION = "mlflow.trace.session";
    static final String TRACE_USER = "mlflow.trace.user";

    private TraceLevelFields() {
    }

    public static Map<String, String> tags(SpanAttributes attributes) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> attribute : attributes.stored().entrySet()) {
            String key = attribute.getKey();
            if (key.startsWith(MlflowAttributes.TRACE_TAG_PREFIX) && !attribute.getValue().isNull()) {
                String tag = key.substring(MlflowAttributes.TRACE_TAG_PREFIX.length());
                if (!tag.isEmpty() && !tag.equals(MlflowAttributes.SPANS_LOCATION_TAG)) {
                    tags.put(tag, asString(attribute.getValue()));
                }
            }
        }
        return tags.isEmpty() ? null : tags;
    }

    public static Map<String, String> metadata(SpanAttributes attributes, String runId) {
        Map<String, String> metadata = new LinkedHashMap<>();
        attributes.text("session.id", GenAiAttributes.CONVERSATION_ID).ifPresent(s -> metadata.put(TRACE_SESSION, s));
        attributes.text("user.id").ifPresent(user -> metadata.put(TRACE_USER, user));
        if (runId != null && !runId.isBlank()) {
            metadata.put(MlflowKeys.SOURCE_RUN, runId.trim());
        }
        return metadata.isEmpty() ? null : metadata;
    }

    private static String asString(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
