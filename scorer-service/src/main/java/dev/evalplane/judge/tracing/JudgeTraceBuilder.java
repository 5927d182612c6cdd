package dev.evalplane.judge.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.Ids;
import dev.evalplane.events.LlmCall;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanStatus;
import dev.evalplane.judge.provider.LlmAttempt;
import dev.evalplane.judge.provider.OpenAiWire;

/**
 * The judge's own trace: a root EVALUATOR span named after the scorer (tag {@code mlflow.trace.sourceScorer},
 * metadata {@code mlflow.sourceRun}), one CHAT_MODEL span per provider call, retries and agent rounds included, each
 * with the normalised {@code llm} block, and one TOOL span per tool call of an agent judge (inputs = its arguments,
 * outputs = its result). Ids are deterministic, so a re-emitted judge trace overwrites instead of adding cost.
 * Never contains API keys: spans carry only messages, responses and usage.
 */
public final class JudgeTraceBuilder {

    public static final String EVALUATOR = "EVALUATOR";
    public static final String CHAT_MODEL = "CHAT_MODEL";
    public static final String TOOL = "TOOL";

    /** {@code Ids.traceId(runId, evaluatedTraceId, scorerName)}, plus discriminators for span/chunk-level judges. */
    public static String traceId(String runId, String evaluatedTraceId, String scorerName, List<String> idParts) {
        List<String> parts = new ArrayList<>(List.of(runId, evaluatedTraceId, scorerName));
        parts.addAll(idParts);
        return Ids.traceId(parts.toArray(String[]::new));
    }

    public static String rootSpanId(String judgeTraceId) {
        return Ids.spanId(judgeTraceId, "root");
    }

    /** LLM and tool spans in call order, then the root span (trace-service treats the root as authoritative). */
    public static List<SpanEvent> spans(JudgeExecution e) {
        String root = rootSpanId(e.judgeTraceId());
        List<SpanEvent> spans = new ArrayList<>();
        for (LlmAttempt attempt : e.attempts()) {
            spans.add(llmSpan(e, root, attempt));
        }
        for (ToolInvocation tool : e.tools()) {
            spans.add(toolSpan(e, root, tool));
        }
        spans.add(rootSpan(e, root));
        return spans;
    }

    private static SpanEvent llmSpan(JudgeExecution e, String root, LlmAttempt a) {
        Map<String, JsonNode> attributes = SpanAttributes.ofType(CHAT_MODEL);
        attributes.put(MlflowKeys.LLM_MODEL, SpanAttributes.NODES.textNode(a.model()));
        attributes.put(MlflowKeys.LLM_PROVIDER, SpanAttributes.NODES.textNode(a.provider()));
        attributes.put("mlflow.message.format", SpanAttributes.NODES.textNode(a.provider()));
        attributes.put("evalplane.llm.attempt", SpanAttributes.NODES.numberNode(a.index()));
        if (a.request().usesTools()) {
            attributes.put("evalplane.llm.round", SpanAttributes.NODES.numberNode(a.round()));
            attributes.put("mlflow.chat.tools", OpenAiWire.tools(a.request().tools()));
        }
        List<JsonNode> events = new ArrayList<>();
        SpanStatus status = SpanStatus.OK;
        JsonNode outputs = null;
        LlmCall llm;
        if (a.succeeded()) {
            outputs = a.response().body();
            if (a.response().usage() != null) {
                attributes.put(MlflowKeys.CHAT_TOKEN_USAGE, SpanAttributes.tokenUsage(a.response().usage()));
            }
            if (a.response().responseModel() != null) {
                attributes.put("evalplane.llm.response_model", SpanAttributes.NODES.textNode(a.response().responseModel()));
            }
            llm = new LlmCall(a.provider(), a.model(), a.response().usage());
        } else {
            status = SpanStatus.error(a.error().getMessage());
            attributes.put("evalplane.llm.http_status", SpanAttributes.NODES.numberNode(a.error().status()));
            events.add(SpanAttributes.exceptionEvent("ProviderException", a.error().getMessage(), a.endNs()));
            llm = new LlmCall(a.provider(), a.model(), null);
        }
        String spanId = a.round() == 0 ? Ids.spanId(e.judgeTraceId(), "llm", String.valueOf(a.index()))
                : Ids.spanId(e.judgeTraceId(), "llm", String.valueOf(a.round()), String.valueOf(a.index()));
        return new SpanEvent(SpanEvent.SCHEMA_VERSION, e.judgeTraceId(), spanId, root,
                "anthropic".equals(a.provider()) ? "Messages" : "ChatCompletion", CHAT_MODEL, a.startNs(), a.endNs(),
                status, attributes, requestInputs(a), outputs, events, e.experimentId(), null, null, llm);
    }

    private static JsonNode requestInputs(LlmAttempt a) {
        ObjectNode inputs = SpanAttributes.NODES.objectNode();
        inputs.put("model", a.model());
        inputs.set("messages", OpenAiWire.messages(a.request()));
        return inputs;
    }

    private static SpanEvent toolSpan(JudgeExecution e, String root, ToolInvocation t) {
        Map<String, JsonNode> attributes = SpanAttributes.ofType(TOOL);
        attributes.put("evalplane.tool.call_id", SpanAttributes.NODES.textNode(t.callId()));
        attributes.put("evalplane.llm.round", SpanAttributes.NODES.numberNode(t.round()));
        JsonNode outputs = t.output() != null && t.content().length() == t.output().toString().length() ? t.output()
                : SpanAttributes.NODES.textNode(t.content());
        SpanStatus status = t.failed() ? SpanStatus.error(t.content()) : SpanStatus.OK;
        return new SpanEvent(SpanEvent.SCHEMA_VERSION, e.judgeTraceId(),
                Ids.spanId(e.judgeTraceId(), "tool", String.valueOf(t.round()), String.valueOf(t.index())), root, t.name(),
                TOOL, t.startNs(), t.endNs(), status, attributes, t.arguments(), outputs, List.of(), e.experimentId(),
                null, null, null);
    }

    private static SpanEvent rootSpan(JudgeExecution e, String root) {
        Map<String, JsonNode> attributes = SpanAttributes.ofType(EVALUATOR);
        attributes.put("evalplane.judge.model", SpanAttributes.NODES.textNode(e.modelUri()));
        List<JsonNode> events = new ArrayList<>();
        SpanStatus status = SpanStatus.OK;
        ObjectNode outputs = null;
        if (e.error() != null) {
            status = SpanStatus.error(e.error().errorCode() + ": " + e.error().errorMessage());
            events.add(SpanAttributes.exceptionEvent(e.error().errorCode(), e.error().errorMessage(), e.endNs()));
        } else {
            outputs = SpanAttributes.NODES.objectNode();
            outputs.set("result", e.value());
            outputs.put("rationale", e.rationale());
        }
        Map<String, String> metadata = new java.util.LinkedHashMap<>();
        metadata.put(MlflowKeys.SOURCE_RUN, e.runId());
        metadata.put("evalplane.evaluatedTraceId", e.evaluatedTraceId());
        if (e.usage() != null) {
            metadata.put(MlflowKeys.TRACE_TOKEN_USAGE, SpanAttributes.tokenUsage(e.usage()).toString());
        }
        return new SpanEvent(SpanEvent.SCHEMA_VERSION, e.judgeTraceId(), root, null, e.scorerName(), EVALUATOR,
                e.startNs(), e.endNs(), status, attributes, e.task().evaluatorInputs(), outputs, events,
                e.experimentId(), Map.of(MlflowKeys.SOURCE_SCORER_TAG, e.scorerName()), metadata, null);
    }

    private JudgeTraceBuilder() {
    }
}
