package dev.evalplane.cost.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.TokenUsage;

/** Reads a {@code spans} record; a record we cannot use is rejected with the reason (it goes to the DLQ). */
@ApplicationScoped
public class SpanParser {

    private static final int MAX_ID = 256;

    private final ObjectMapper json;

    public SpanParser(ObjectMapper json) {
        this.json = json;
    }

    public SpanEvent parse(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new IllegalArgumentException("empty span record");
        }
        SpanEvent span;
        try {
            span = json.readValue(payload, SpanEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("span record is not a SpanEvent: " + e.getOriginalMessage(), e);
        }
        requireId("trace_id", span.traceId());
        requireId("span_id", span.spanId());
        if (span.llm() != null) {
            requireText("llm.provider", span.llm().provider());
            requireText("llm.model", span.llm().model());
            TokenUsage u = span.llm().usage();
            if (u != null) {
                for (Long count : new Long[] { u.inputTokens(), u.outputTokens(), u.totalTokens(),
                        u.cacheReadInputTokens(), u.cacheCreationInputTokens(), u.reasoningTokens(),
                        u.cacheCreation1hInputTokens() }) {
                    if (count != null && count < 0) {
                        throw new IllegalArgumentException("span " + span.spanId() + " has a negative token count");
                    }
                }
            }
        }
        return span;
    }

    private static void requireId(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_ID) {
            throw new IllegalArgumentException("span record has no usable " + field + ": " + value);
        }
        requireText(field, value);
    }

    private static void requireText(String field, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("span record " + field + " contains a NUL character");
        }
    }
}
