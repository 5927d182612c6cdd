package dev.evalplane.judge.service;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.domain.RetrievedContext;
import dev.evalplane.judge.tracing.StoredSpans;

/**
 * A stored trace ({@code {info, spans}}) as a row: request and response from the root span, expectations from its
 * valid EXPECTATION assessments, retrieved documents from its RETRIEVER spans.
 */
public final class StoredTraceRows {

    public static EvalRow toRow(int index, String traceId, JsonNode trace) {
        JsonNode root = null;
        List<RetrievedContext> retrievals = new ArrayList<>();
        for (JsonNode span : trace.path("spans")) {
            if (root == null && StoredSpans.isRoot(span)) {
                root = span;
            }
            if ("RETRIEVER".equals(StoredSpans.type(span))) {
                retrievals.add(new RetrievedContext(span.path("span_id").asText(), documents(span.get("outputs"))));
            }
        }
        JsonNode inputs = root == null ? null : root.get("inputs");
        JsonNode outputs = root == null ? null : root.get("outputs");
        String rootSpanId = root == null ? null : root.path("span_id").asText(null);
        return new EvalRow(index, traceId, rootSpanId, inputs, outputs, expectations(trace.path("info")), retrievals,
                trace);
    }

    /** Whether the trace is a judge trace (never evaluate a judge's own trace). */
    public static boolean isJudgeTrace(JsonNode trace) {
        return trace.path("info").path("tags").has("mlflow.trace.sourceScorer");
    }

    private static ObjectNode expectations(JsonNode info) {
        ObjectNode expectations = JsonNodeFactory.instance.objectNode();
        for (JsonNode a : info.path("assessments")) {
            boolean expectation = "EXPECTATION".equals(a.path("assessment_type").asText()) || a.has("expectation");
            if (!expectation || a.path("valid").asBoolean(true) == false) {
                continue;
            }
            String name = a.path("name").asText(a.path("assessment_name").asText(null));
            JsonNode value = a.has("value") ? a.get("value") : a.path("expectation").get("value");
            if (name != null && value != null) {
                expectations.set(name, value);
            }
        }
        return expectations;
    }

    private static List<String> documents(JsonNode outputs) {
        List<String> docs = new ArrayList<>();
        if (outputs == null || !outputs.isArray()) {
            return docs;
        }
        for (JsonNode doc : outputs) {
            if (doc.isTextual()) {
                docs.add(doc.asText());
            } else if (doc.has("page_content")) {
                docs.add(doc.get("page_content").asText());
            } else if (doc.has("content")) {
                docs.add(doc.get("content").asText());
            } else {
                docs.add(doc.toString());
            }
        }
        return docs;
    }

    private StoredTraceRows() {
    }
}
