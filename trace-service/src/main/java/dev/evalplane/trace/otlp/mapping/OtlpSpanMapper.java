package dev.evalplane.trace.otlp.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanStatus;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import jakarta.inject.Singleton;

/**
 * Maps every span of an OTLP export request to a {@link SpanEvent}, in request order. Ids, times and status are
 * copied; attributes become JSON (MLflow's JSON-encoded values decoded, inputs/outputs lifted out into their own
 * fields); span type, inputs/outputs, the {@code llm} block and trace tags/metadata are resolved across the MLflow,
 * OpenInference and OTel GenAI conventions ({@link SpanTypes}, {@link SpanContent}, {@link LlmCalls},
 * {@link TraceLevelFields}). A span with an invalid id rejects the whole request.
 */
@Singleton
public class OtlpSpanMapper {

    /** The experiment of spans whose request names none (CONTRACTS.md). */
    public static final String DEFAULT_EXPERIMENT_ID = "0";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public List<SpanEvent> map(ExportTraceServiceRequest request, IngestContext context) {
        return map(request, context, Function.identity());
    }

    /**
     * Every span mapped and handed to {@code then} at once, in request order; the results of {@code then}. A span's
     * event is garbage as soon as {@code then} returns: a request's events are never all alive together (the door
     * keeps only each span's record, bench/RESULTS.md).
     */
    public <T> List<T> map(ExportTraceServiceRequest request, IngestContext context, Function<SpanEvent, T> then) {
        List<T> results = new ArrayList<>(spanCount(request));
        for (int r = 0; r < request.getResourceSpansCount(); r++) {
            ResourceSpans resourceSpans = request.getResourceSpans(r);
            SpanAttributes resource = SpanAttributes.of(resourceSpans.getResource().getAttributesList());
            for (int s = 0; s < resourceSpans.getScopeSpansCount(); s++) {
                ScopeSpans scopeSpans = resourceSpans.getScopeSpans(s);
                for (int i = 0; i < scopeSpans.getSpansCount(); i++) {
                    results.add(then.apply(map(scopeSpans.getSpans(i), resource, context, new SpanPath(r, s, i))));
                }
            }
        }
        return results;
    }

    private static int spanCount(ExportTraceServiceRequest request) {
        int count = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                count += scopeSpans.getSpansCount();
            }
        }
        return count;
    }

    private SpanEvent map(Span span, SpanAttributes resource, IngestContext context, SpanPath path) {
        String traceId = OtlpIds.traceId(span.getTraceId(), path.field("traceId"));
        String spanId = OtlpIds.spanId(span.getSpanId(), path.field("spanId"));
        String parentSpanId = OtlpIds.parentSpanId(span.getParentSpanId(), path.field("parentSpanId"));
        SpanAttributes attributes = SpanAttributes.of(span.getAttributesList());
        return new SpanEvent(SpanEvent.SCHEMA_VERSION, traceId, spanId, parentSpanId, span.getName(),
                SpanTypes.resolve(attributes), span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                status(span.getStatus()), attributes.stored(), SpanContent.inputs(attributes),
                SpanContent.outputs(attributes), events(span), experimentId(context, attributes, resource),
                TraceLevelFields.tags(attributes), TraceLevelFields.metadata(attributes, context.runId()),
                LlmCalls.from(attributes));
    }

    private static SpanStatus status(Status status) {
        String message = status.getMessage().isEmpty() ? null : status.getMessage();
        return switch (status.getCode()) {
            case STATUS_CODE_OK -> new SpanStatus("OK", message);
            case STATUS_CODE_ERROR -> new SpanStatus("ERROR", message);
            default -> new SpanStatus("UNSET", message);
        };
    }

    /** Span events as {@code {name, time_unix_nano, attributes}}, the shape of MLflow's span dict. */
    private static List<JsonNode> events(Span span) {
        List<JsonNode> events = new ArrayList<>(span.getEventsCount());
        for (Span.Event event : span.getEventsList()) {
            ObjectNode json = JSON.objectNode();
            json.put("name", event.getName());
            json.put("time_unix_nano", event.getTimeUnixNano());
            ObjectNode attributes = json.putObject("attributes");
            SpanAttributes.decoded(event.getAttributesList()).forEach(attributes::set);
            events.add(json);
        }
        return events;
    }

    /** Where a span is in the request, named only when an error message needs it (not built for every span). */
    private record SpanPath(int resource, int scope, int span) {

        Supplier<String> field(String name) {
            return () -> "resourceSpans[" + resource + "].scopeSpans[" + scope + "].spans[" + span + "]." + name;
        }
    }

    /** The request header, else an {@code mlflow.experimentId} span or resource attribute, else "0". */
    private static String experimentId(IngestContext context, SpanAttributes span, SpanAttributes resource) {
        if (context.experimentId() != null) {
            return context.experimentId();
        }
        return span.text(MlflowAttributes.EXPERIMENT_ID)
                .or(() -> resource.text(MlflowAttributes.EXPERIMENT_ID))
                .orElse(DEFAULT_EXPERIMENT_ID);
    }
}
