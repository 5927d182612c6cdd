package dev.evalplane.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Span status: code OK, ERROR or UNSET, with an optional message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpanStatus(String code, String message) {
    public static final SpanStatus OK = new SpanStatus("OK", null);
    public static final SpanStatus UNSET = new SpanStatus("UNSET", null);

    public static SpanStatus error(String message) {
        return new SpanStatus("ERROR", message);
    }
}
