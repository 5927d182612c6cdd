package dev.evalplane.trace.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalplane.events.SpanEvent;

/**
 * What a batch of spans of one trace adds to its trace row. Root-span fields are set only when the root is in the
 * batch; tags/metadata of other spans are merged (later spans win among themselves, the root always wins on read).
 */
public record TraceContribution(String traceId, String experimentId, String rootSpanId, long requestTimeMs,
        Long executionDurationMs, String state, String requestPreview, String responsePreview, String clientRequestId,
        Map<String, String> rootTags, Map<String, String> rootMetadata, Map<String, String> spanTags,
        Map<String, String> spanMetadata, long firstSpanStartMs) {

    public static final String DEFAULT_EXPERIMENT = "0";
    public static final String TRACE_NAME_TAG = "mlflow.traceName";
    public static final String CLIENT_REQUEST_ID = "mlflow.trace.clientRequestId";

    /** Contributions per trace id, in the order traces first appear in the batch. */
    public static Map<String, TraceContribution> of(List<SpanEvent> spans) {
        Map<String, List<SpanEvent>> byTrace = new LinkedHashMap<>();
        for (SpanEvent span : spans) {
            byTrace.computeIfAbsent(span.traceId(), id -> new java.util.ArrayList<>()).add(span);
        }
        Map<String, TraceContribution> result = new LinkedHashMap<>();
        byTrace.forEach((traceId, list) -> result.put(traceId, ofTrace(traceId, list)));
        return result;
    }

    private static TraceContribution ofTrace(String traceId, List<SpanEvent> spans) {
        SpanEvent root = null;
        String experimentId = null;
        long firstStartMs = Long.MAX_VALUE;
        Map<String, String> spanTags = new LinkedHashMap<>();
        Map<String, String> spanMetadata = new LinkedHashMap<>();
        for (SpanEvent span : spans) {
            firstStartMs = Math.min(firstStartMs, span.startTimeNs() / 1_000_000);
            if (span.isRoot()) {
                root = span;
                continue;
            }
            if (experimentId == null) {
                experimentId = span.experimentId();
            }
            putAll(spanTags, span.traceTags());
            putAll(spanMetadata, span.traceMetadata());
        }
        if (root == null) {
            return new TraceContribution(traceId, orDefault(experimentId), null, firstStartMs, null, "IN_PROGRESS",
                    null, null, null, Map.of(), Map.of(), spanTags, spanMetadata, firstStartMs);
        }
        Map<String, String> rootTags = new LinkedHashMap<>();
        rootTags.put(TRACE_NAME_TAG, root.name() == null ? "" : root.name());
        putAll(rootTags, root.traceTags());
        Map<String, String> rootMetadata = new LinkedHashMap<>();
        putAll(rootMetadata, root.traceMetadata());
        return new TraceContribution(traceId, orDefault(root.experimentId() != null ? root.experimentId() : experimentId),
                root.spanId(), root.startTimeNs() / 1_000_000, duration(root), state(root),
                Previews.of(root.inputs()), Previews.of(root.outputs()), rootMetadata.get(CLIENT_REQUEST_ID),
                rootTags, rootMetadata, spanTags, spanMetadata, firstStartMs);
    }

    static String state(SpanEvent root) {
        if (root.status() != null && "ERROR".equals(root.status().code())) {
            return "ERROR";
        }
        return root.endTimeNs() > 0 ? "OK" : "IN_PROGRESS";
    }

    private static Long duration(SpanEvent root) {
        return root.endTimeNs() > 0 ? (root.endTimeNs() - root.startTimeNs()) / 1_000_000 : null;
    }

    private static String orDefault(String experimentId) {
        return experimentId == null || experimentId.isBlank() ? DEFAULT_EXPERIMENT : experimentId;
    }

    private static void putAll(Map<String, String> target, Map<String, String> source) {
        if (source != null) {
            source.forEach((k, v) -> {
                if (k != null && v != null) {
                    target.put(k, v);
                }
            });
        }
    }
}
