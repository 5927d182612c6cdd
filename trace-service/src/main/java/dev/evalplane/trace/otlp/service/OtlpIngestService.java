package dev.evalplane.trace.otlp.service;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.InvalidRecordException;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanValidation;
import dev.evalplane.trace.otlp.OtlpIngestException;
import dev.evalplane.trace.otlp.config.OtlpConfig;
import dev.evalplane.trace.otlp.decoding.OtlpRequestDecoder;
import dev.evalplane.trace.otlp.mapping.OtlpSpanMapper;
import dev.evalplane.trace.otlp.messaging.SpanEventJson;
import dev.evalplane.trace.otlp.messaging.SpanPublisher;
import dev.evalplane.trace.otlp.messaging.SpanRecord;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * OTLP ingestion: decode, then span by span map, clean and validate it as the consumers will and serialize it, then
 * publish the records. Everything that can reject a request (bad encoding, bad ids, a span the consumers would
 * refuse, a span too large for Kafka) happens before the first send, so a rejected request publishes nothing; the
 * first span in request order that cannot be published names the error. The result completes only after Kafka
 * acknowledged every record; it counts the spans published.
 */
@ApplicationScoped
public class OtlpIngestService {

    private final OtlpRequestDecoder decoder;
    private final OtlpSpanMapper mapper;
    private final SpanPublisher publisher;
    private final SpanEventJson json;
    private final OtlpConfig config;

    public OtlpIngestService(OtlpRequestDecoder decoder, OtlpSpanMapper mapper, SpanPublisher publisher,
            ObjectMapper json, OtlpConfig config) {
        this.decoder = decoder;
        this.mapper = mapper;
        this.publisher = publisher;
        this.json = new SpanEventJson(json);
        this.config = config;
    }

    public Uni<Integer> ingest(OtlpPayload payload) {
        return Uni.createFrom().item(() -> records(payload))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(records -> records.isEmpty() ? Uni.createFrom().item(0) : publish(records));
    }

    /**
     * The request's span records in request order, or the exception naming why it cannot be published. Decoding and
     * mapping are CPU work on up to max-body-size bytes, and a Kafka send may block (metadata, full buffer): both run
     * on a worker thread, never on the event loop.
     */
    public List<SpanRecord> records(OtlpPayload payload) {
        ExportTraceServiceRequest request = decoder.decode(payload.body(), payload.mediaType(),
                payload.contentEncoding());
        try (SpanEventJson.Writer records = json.writer()) {
            return mapper.map(request, payload.context(), event -> toRecord(storable(event), records));
        }
    }

    /**
     * The span as every consumer of {@code spans} will read it (text cleaned, the same validation): what they would
     * dead-letter is refused here, before anything of the request is published.
     */
    private static SpanEvent storable(SpanEvent event) {
        try {
            return SpanValidation.validate(SpanValidation.clean(event));
        } catch (InvalidRecordException e) {
            throw OtlpIngestException.malformed("span " + event.spanId() + " of trace " + event.traceId() + ": "
                    + e.getMessage() + "; nothing of this request was stored");
        }
    }

    private SpanRecord toRecord(SpanEvent event, SpanEventJson.Writer records) {
        byte[] value = records.write(event);
        int bytes = value.length;
        if (bytes > config.maxRecordBytes()) {
            throw OtlpIngestException.tooLarge("span " + event.spanId() + " of trace " + event.traceId()
                    + " is " + bytes + " bytes as a span record; one span may be at most " + config.maxRecordBytes()
                    + " bytes (evalplane.otlp.max-record-bytes): nothing of this request was stored");
        }
        return new SpanRecord(event.traceId(), event.spanId(), value);
    }

    private Uni<Integer> publish(List<SpanRecord> records) {
        return publisher.publish(records)
                .ifNoItem().after(config.publishTimeout()).failWith(() -> new OtlpIngestException(
                        OtlpIngestException.Kind.UNAVAILABLE, "Kafka did not acknowledge " + records.size()
                                + " span record(s) within " + config.publishTimeout() + "; retry the export"))
                .invoke(() -> Log.debugf("Published %d OTLP span(s)", records.size()))
                .replaceWith(records.size());
    }
}
