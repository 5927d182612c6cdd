package dev.evalplane.judge.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.tracing.TraceDocuments;
import dev.evalplane.judge.tracing.TraceView;

/** {@code get_trace_info}: the trace's id, timing, state, location and request/response previews. No arguments. */
final class GetTraceInfoTool implements JudgeTool {

    @Override
    public String name() {
        return "get_trace_info";
    }

    @Override
    public String description() {
        return "Get the trace's metadata: trace id, experiment, request time, execution duration, state, number of"
                + " spans, and previews of the request and the response.";
    }

    @Override
    public ObjectNode parameters() {
        return ToolArgs.schema(ToolArgs.NODES.objectNode());
    }

    @Override
    public JsonNode invoke(TraceView trace, JsonNode arguments) {
        JsonNode info = trace.info();
        JsonNode root = trace.root().orElse(null);
        ObjectNode out = ToolArgs.NODES.objectNode();
        out.put("trace_id", trace.traceId());
        out.put("experiment_id", info.path("experiment_id").asText(root == null ? null : root.path("experiment_id").asText(null)));
        out.put("request_time", info.path("request_time").asText(null));
        out.put("execution_duration_ms", trace.executionDurationMs());
        out.put("state", info.path("state").asText("OK"));
        out.put("span_count", trace.spans().size());
        out.put("request_preview", info.hasNonNull("request_preview") ? info.get("request_preview").asText()
                : root == null ? null : TraceDocuments.preview(root.get("inputs")));
        out.put("response_preview", info.hasNonNull("response_preview") ? info.get("response_preview").asText()
                : root == null ? null : TraceDocuments.preview(root.get("outputs")));
        out.set("tags", info.path("tags").isObject() ? info.get("tags") : ToolArgs.NODES.objectNode());
        return out;
    }
}
