package dev.evalplane.trace.otlp.mapping;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.TokenUsage;

/**
 * OpenTelemetry GenAI semantic conventions (PRICING_REFERENCE.md §4.1), with the legacy OpenLLMetry-era aliases.
 * The spec's input tokens include cache reads and writes, its output tokens include reasoning: no adjustment.
 */
public final class GenAiAttributes {

    static final String OPERATION_NAME = "gen_ai.operation.name";
    static final String CONVERSATION_ID = "gen_ai.conversation.id";

    /** Operation to MLflow span type, as MLflow's GenAI translator maps it. */
    private static final Map<String, String> OPERATION_TO_SPAN_TYPE = Map.of(
            "chat", "CHAT_MODEL",
            "text_completion", "LLM",
            "generate_content", "LLM",
            "response", "LLM",
            "embeddings", "EMBEDDING",
            "execute_tool", "TOOL",
            "invoke_agent", "AGENT",
            "create_agent", "AGENT");

    private GenAiAttributes() {
    }

    static Optional<String> spanType(SpanAttributes attributes) {
        return attributes.text(OPERATION_NAME).map(OPERATION_TO_SPAN_TYPE::get);
    }

    /** {@code gen_ai.provider.name}, else the deprecated {@code gen_ai.system}. */
    static Optional<String> provider(SpanAttributes attributes) {
        return attributes.text("gen_ai.provider.name", "gen_ai.system");
    }

    /** The model that answered, else the one requested. */
    static Optional<String> model(SpanAttributes attributes) {
        return attributes.text("gen_ai.response.model", "gen_ai.request.model");
    }

    static TokenUsage usage(SpanAttributes attributes) {
        return Tokens.usage(
                attributes.count("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"),
                attributes.count("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"),
                attributes.count("gen_ai.usage.total_tokens", "llm.usage.total_tokens"),
                attributes.count("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens"),
                attributes.count("gen_ai.usage.cache_creation.input_tokens",
                        "gen_ai.usage.cache_creation_input_tokens"),
                attributes.count("gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens"));
    }

    /** Chat history sent to the model, else a tool call's arguments. */
    static Optional<JsonNode> inputs(SpanAttributes attributes) {
        return attributes.content("gen_ai.input.messages", "gen_ai.tool.call.arguments");
    }

    /** Messages the model returned, else a tool call's result. */
    static Optional<JsonNode> outputs(SpanAttributes attributes) {
        return attributes.content("gen_ai.output.messages", "gen_ai.tool.call.result");
    }
}
