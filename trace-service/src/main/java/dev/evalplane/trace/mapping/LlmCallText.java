package dev.evalplane.trace.mapping;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.evalplane.events.LlmCall;
import dev.evalplane.events.TokenUsage;

/**
 * A span's {@code llm} block as the JSON text of its json column, written field by field with the generator: the
 * text the mapper's bean serializer gives ({@link LlmCall} and {@link TokenUsage} leave out null fields), without
 * the serializer's property dispatch on every LLM span of a batch.
 */
public final class LlmCallText {

    private LlmCallText() {
    }

    /** The text of {@code llm}; null when there is none (SQL NULL). */
    public static String of(JsonFactory factory, LlmCall llm) {
        if (llm == null) {
            return null;
        }
        StringWriter text = new StringWriter(160);
        try (JsonGenerator g = factory.createGenerator(text)) {
            write(g, llm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Writes {@code llm} (not null) as a JSON object, null fields left out: what the bean serializer writes. */
    public static void write(JsonGenerator g, LlmCall llm) throws IOException {
        g.writeStartObject();
        string(g, "provider", llm.provider());
        string(g, "model", llm.model());
        TokenUsage usage = llm.usage();
        if (usage != null) {
            g.writeObjectFieldStart("usage");
            number(g, "input_tokens", usage.inputTokens());
            number(g, "output_tokens", usage.outputTokens());
            number(g, "total_tokens", usage.totalTokens());
            number(g, "cache_read_input_tokens", usage.cacheReadInputTokens());
            number(g, "cache_creation_input_tokens", usage.cacheCreationInputTokens());
            number(g, "reasoning_tokens", usage.reasoningTokens());
            number(g, "cache_creation_1h_input_tokens", usage.cacheCreation1hInputTokens());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.longValue());
        }
    }
}
