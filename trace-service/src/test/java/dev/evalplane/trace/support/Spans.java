package dev.evalplane.trace.support;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.evalplane.events.PipelineRecords;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanStatus;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.TopicClient;

/** SpanEvent fixtures: a root span or a child, with trace-level tags and metadata when given. */
public final class Spans {

    public static final long BASE_NS = 1_732_600_000_000_000_000L;

    public static SpanEvent root(String traceId, String spanId, String experimentId, long startMs, long durationMs,
            Map<String, String> tags, Map<String, String> metadata) {
        return new SpanEvent(1, traceId, spanId, null, "agent", "AGENT", BASE_NS + startMs * 1_000_000L,
                BASE_NS + (startMs + durationMs) * 1_000_000L, SpanStatus.OK,
                Map.of("mlflow.spanType", TextNode.valueOf("AGENT")),
                JsonNodeFactory.instance.objectNode().put("question", "what is " + traceId + "?"),
                JsonNodeFactory.instance.objectNode().put("answer", "it is " + spanId), List.of(), experimentId, tags,
                metadata, null);
    }

    public static SpanEvent child(String traceId, String spanId, String parentId, String experimentId, long startMs,
            Map<String, String> tags, Map<String, String> metadata) {
        JsonNode inputs = JsonNodeFactory.instance.objectNode().put("step", spanId);
        return new SpanEvent(1, traceId, spanId, parentId, "step-" + spanId, "TOOL", BASE_NS + startMs * 1_000_000L,
                BASE_NS + (startMs + 5) * 1_000_000L, SpanStatus.OK, Map.of(), inputs, null, List.of(), experimentId,
                tags, metadata, null);
    }

    /** As scorer-service sends its row and judge spans: marked as the pipeline's ({@link PipelineRecords}). */
    public static void send(SpanEvent span) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.SPANS, span.traceId(), Events.json(span));
        record.headers().add(PipelineRecords.HEADER, PipelineRecords.mark());
        TopicClient.onTestBroker().send(record);
    }

    /** As any other producer would (the OTLP door, a door added later): no pipeline mark. */
    public static void sendUnmarked(SpanEvent span) {
        TopicClient.onTestBroker().send(Topics.SPANS, span.traceId(), Events.json(span));
    }

    /** A one-span trace: root only. */
    public static void sendTrace(String traceId, String experimentId, long startMs, Map<String, String> tags,
            Map<String, String> metadata) {
        send(root(traceId, dev.evalplane.events.Ids.newSpanId(), experimentId, startMs, 100, tags, metadata));
    }

    private Spans() {
    }
}
