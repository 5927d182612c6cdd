package dev.evalplane.trace.otlp.mapping;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.TokenUsage;

/**
 * OpenInference semantic conventions (PRICING_REFERENCE.md §4.2). {@code llm.token_count.prompt} includes cache
 * reads and writes and {@code completion} includes reasoning, as our usage convention wants.
 */
public final class OpenInferenceAttributes {

    static final String SPAN_KIND = "openinference.span.kind";

    /** Span kind to MLflow span type, as MLflow's OpenInference translator maps it (PROMPT has no counterpart). */
    private static final Map<String, String> KIND_TO_SPAN_TYPE = Map.of(
            "LLM", "LLM", "CHAIN", "CHAIN", "TOOL", "TOOL", "RETRIEVER", "RETRIEVER", "EMBEDDING", "EMBEDDING",
            "AGENT", "AGENT", "RERANKER", "RERANKER", "GUARDRAIL", "GUARDRAIL", "EVALUATOR", "EVALUATOR",
            "UNKNOWN", "UNKNOWN");

    private OpenInferenceAttributes() {
    }

    static Optional<String> spanType(SpanAttributes attributes) {
        return attributes.text(SPAN_KIND).map(kind -> KIND_TO_SPAN_TYPE.get(kind.toUpperCase(Locale.ROOT)));
    }

    /** {@code llm.provider} (the host, e.g. azure), else {@code llm.system} (the AI product, e.g. openai). */
    static Optional<String> provider(SpanAttributes attributes) {
        return attributes.text("llm.provider", "llm.system");
    }

    /** The routed (response) model first, as MLflow's OpenInference translator does, then the request alias. */
    static Optional<String> model(SpanAttributes attributes) {
        return attributes.text("llm.response.model_name", "llm.model_name", "llm.request.model_name",
                "embedding.model_name");
    }

    static TokenUsage usage(SpanAttributes attributes) {
        return Tokens.usage(
                attributes.count("llm.token_count.prompt"),
                attributes.count("llm.token_count.completion"),
                attributes.count("llm.token_count.total"),
                attributes.count("llm.token_count.prompt_details.cache_read"),
                attributes.count("llm.token_count.prompt_details.cache_write"),
                attributes.count("llm.token_count.completion_details.reasoning"));
    }

    static Optional<JsonNode> inputs(SpanAttributes attributes) {
        return value(attributes, "input");
    }

    static Optional<JsonNode> outputs(SpanAttributes attributes) {
        return value(attributes, "output");
    }

    /** {@code <prefix>.value}, read as JSON unless {@code <prefix>.mime_type} says it is plain text. */
    private static Optional<JsonNode> value(SpanAttributes attributes, String prefix) {
        boolean plainText = attributes.text(prefix + ".mime_type").filter("text/plain"::equalsIgnoreCase).isPresent();
        if (plainText) {
            return attributes.node(prefix + ".value").map(n -> TextNode.valueOf(n.asText()));
        }
        return attributes.content(prefix + ".value");
    }
}
