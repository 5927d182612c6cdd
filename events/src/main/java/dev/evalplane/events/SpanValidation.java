package dev.evalplane.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The one reading of a {@code spans} record, shared by every consumer (trace-service, cost-service) and by the OTLP
 * door before it publishes: a record is either stored by all of them or dead-lettered by all of them, and the door
 * refuses up front what the consumers would dead-letter. Reading parses with {@link EventJson#mapper()} (the same
 * type coercions everywhere), cleans the text ({@link StoredText}: NUL, lone surrogates and non-finite numbers are
 * replaced, never a reason to drop a span), then validates.
 */
public final class SpanValidation {

    public static final Pattern SPAN_ID = Pattern.compile("[0-9a-fA-F]{16}");
    /** Far above any single LLM call; keeps sums of a trace's spans inside 64 bits. */
    public static final long MAX_TOKENS = 1_000_000_000_000L;
    /**
     * Longest experiment id and run id ({@code mlflow.sourceRun}) a span may name: far above any real one (ten digits,
     * 32 hex characters), and short enough that the database indexes them (an index entry holds about 2.7 KB).
     */
    public static final int MAX_ID_LENGTH = 256;
    private static final Set<String> STATUS_CODES = Set.of("OK", "ERROR", "UNSET");

    /**
     * The same reading of a record value as bytes (the consumers' payload: parsed as UTF-8 without first copying it
     * into a String). Bytes that do not parse, e.g. invalid UTF-8, are read again as text ({@link #read(String)}
     * turns invalid UTF-8 into U+FFFD): the outcome and the reason are exactly those of the text reading.
     */
    public static SpanEvent read(byte[] payload) {
        if (payload == null) {
            throw new InvalidRecordException("the record has no value");
        }
        try {
            return validate(clean(EventJson.mapper().readValue(payload, SpanEvent.class)));
        } catch (IOException | RuntimeException e) {
            return read(new String(payload, StandardCharsets.UTF_8));
        }
    }

    /** {@link #readCall(String)} of a record value as bytes, with the same fallback as {@link #read(byte[])}. */
    public static SpanEvent readCall(byte[] payload) {
        if (payload == null) {
            throw new InvalidRecordException("the record has no value");
        }
        try {
            SpanCallView view = EventJson.mapper().readValue(payload, SpanCallView.class);
            return validate(clean(view == null ? null : view.toSpanEvent()));
        } catch (IOException | RuntimeException e) {
            return readCall(new String(payload, StandardCharsets.UTF_8));
        }
    }

    /**
     * The same reading for a consumer that stores the span's content as JSON text (trace-service): the content is
     * kept as the record's own text ({@link SpanRowView}) instead of being built into trees and written back; when
     * any of it needs cleaning, or the bytes do not parse, the record is read in full ({@link #read(byte[])}) and
     * its cleaned trees written. The same records are refused, with the same reasons, and the texts hold the same
     * JSON values as the full reading's trees.
     */
    public static StorableSpan readStorable(byte[] payload) {
        if (payload == null) {
            throw new InvalidRecordException("the record has no value");
        }
        SpanRowView view;
        try {
            view = SpanRowView.read(payload);
        } catch (IOException | RuntimeException e) {
            return StorableSpan.of(read(payload));
        }
        SpanEvent span = validate(clean(view.toSpanEvent()));
        return new StorableSpan(span, view.attributes() == null ? "{}" : view.attributes(), view.inputs(),
                view.outputs(), view.events() == null ? "[]" : view.events());
    }

    /** Parses, cleans and validates one record value; {@link InvalidRecordException} says why it is unusable. */
    public static SpanEvent read(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new InvalidRecordException("the record has no value");
        }
        SpanEvent span;
        try {
            span = EventJson.mapper().readValue(payload, SpanEvent.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("not a valid SpanEvent JSON document: " + e.getOriginalMessage());
        }
        return validate(clean(span));
    }

    /**
     * The same reading for a consumer that needs only the span's identity, times, status, trace fields and
     * {@code llm} block (cost-service): the same records are refused, with the same reasons, but
     * {@code attributes}, {@code inputs}, {@code outputs} and {@code events} are skipped (null in the result)
     * instead of being built into trees ({@link SpanCallView}).
     */
    public static SpanEvent readCall(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new InvalidRecordException("the record has no value");
        }
        SpanCallView view;
        try {
            view = EventJson.mapper().readValue(payload, SpanCallView.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("not a valid SpanEvent JSON document: " + e.getOriginalMessage());
        }
        return validate(clean(view == null ? null : view.toSpanEvent()));
    }

    /** The span with every string, map key and JSON value made storable (see {@link StoredText}). */
    public static SpanEvent clean(SpanEvent s) {
        if (s == null) {
            return null;
        }
        SpanStatus status = s.status() == null ? null
                : new SpanStatus(StoredText.clean(s.status().code()), StoredText.clean(s.status().message()));
        LlmCall llm = s.llm() == null ? null
                : new LlmCall(StoredText.clean(s.llm().provider()), StoredText.clean(s.llm().model()), s.llm().usage());
        return new SpanEvent(s.schemaVersion(), StoredText.clean(s.traceId()), StoredText.clean(s.spanId()),
                StoredText.clean(s.parentSpanId()), StoredText.clean(s.name()), StoredText.clean(s.spanType()),
                s.startTimeNs(), s.endTimeNs(), status, StoredText.cleanValues(s.attributes()),
                StoredText.clean(s.inputs()), StoredText.clean(s.outputs()), StoredText.cleanAll(s.events()),
                StoredText.clean(s.experimentId()), StoredText.cleanStrings(s.traceTags()),
                StoredText.cleanStrings(s.traceMetadata()), llm);
    }

    /**
     * The rules every consumer applies; returns the span, or throws {@link InvalidRecordException}. A reason is
     * formatted only for a span that breaks a rule: this runs for every span in the OTLP door and in each consumer,
     * and formatting every reason up front cost ~0.4 µs a span per reading (bench/RESULTS.md, otlp thread by thread).
     */
    public static SpanEvent validate(SpanEvent span) {
        if (span == null) {
            throw invalid("the record is empty (JSON null)");
        }
        if (span.traceId() == null) {
            throw invalid("trace_id is missing");
        }
        if (!Ids.isTraceId(span.traceId())) {
            throw invalid("trace_id must be \"tr-\" + 32 hex characters, got " + quote(span.traceId()));
        }
        if (!isSpanId(span.spanId())) {
            throw invalid("span_id must be 16 hex characters, got " + quote(span.spanId()));
        }
        if (span.parentSpanId() != null && !span.parentSpanId().isEmpty() && !isSpanId(span.parentSpanId())) {
            throw invalid("parent_span_id must be null or 16 hex characters, got " + quote(span.parentSpanId()));
        }
        if (span.parentSpanId() != null && span.parentSpanId().equalsIgnoreCase(span.spanId())) {
            throw invalid("a span cannot be its own parent");
        }
        if (span.experimentId() != null && span.experimentId().length() > MAX_ID_LENGTH) {
            throw invalid("experiment_id must be at most " + MAX_ID_LENGTH + " characters, got "
                    + span.experimentId().length());
        }
        String run = span.traceMetadata() == null ? null : span.traceMetadata().get(MlflowKeys.SOURCE_RUN);
        if (run != null && run.length() > MAX_ID_LENGTH) {
            throw invalid("trace metadata " + MlflowKeys.SOURCE_RUN + " (the run id) must be at most " + MAX_ID_LENGTH
                    + " characters, got " + run.length());
        }
        if (span.startTimeNs() <= 0) {
            throw invalid("start_time_ns must be a positive epoch nanosecond count");
        }
        if (span.endTimeNs() != 0 && span.endTimeNs() < span.startTimeNs()) {
            throw invalid("end_time_ns must be 0 (still running) or not before start_time_ns");
        }
        if (span.status() != null && span.status().code() != null && !STATUS_CODES.contains(span.status().code())) {
            throw invalid("status.code must be OK, ERROR or UNSET, got " + quote(span.status().code()));
        }
        if (span.llm() != null && span.llm().usage() != null) {
            TokenUsage u = span.llm().usage();
            requireTokens(u.inputTokens());
            requireTokens(u.outputTokens());
            requireTokens(u.totalTokens());
            requireTokens(u.cacheReadInputTokens());
            requireTokens(u.cacheCreationInputTokens());
            requireTokens(u.reasoningTokens());
            requireTokens(u.cacheCreation1hInputTokens());
        }
        return span;
    }

    private static void requireTokens(Long count) {
        if (count != null && (count < 0 || count > MAX_TOKENS)) {
            throw invalid("llm.usage token counts must be between 0 and " + MAX_TOKENS + ", got " + count);
        }
    }

    /** {@link #SPAN_ID} without a regex (it runs for every span of every consumer). */
    static boolean isSpanId(String id) {
        if (id == null || id.length() != 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return "\"" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "\"";
    }

    private static InvalidRecordException invalid(String detail) {
        return new InvalidRecordException(detail);
    }

    private SpanValidation() {
    }
}
