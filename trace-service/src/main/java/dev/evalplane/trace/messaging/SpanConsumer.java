package dev.evalplane.trace.messaging;

import dev.evalplane.support.messaging.BatchHandler;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import org.apache.kafka.common.header.Header;

import dev.evalplane.events.PipelineRecords;
import dev.evalplane.events.SpanValidation;
import dev.evalplane.events.Topics;
import dev.evalplane.trace.service.ReceivedSpan;
import dev.evalplane.trace.service.SpanIngestService;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes the spans topic in batches (group trace-service); records {@link SpanValidation} refuses (the same ones
 * cost-service refuses) go to spans-dlq. Each span's content stays the record's own JSON text unless it needs cleaning
 * ({@link SpanValidation#readStorable}). Each span keeps whether its record carries scorer-service's mark
 * ({@link PipelineRecords}): only such spans link their trace into an evalplane-executed run. The key (the trace id)
 * is not read: it stays the record's bytes, not decoded into a {@code String} per record.
 */
@ApplicationScoped
public class SpanConsumer {

    private final BatchHandler<byte[], ReceivedSpan> handler;

    public SpanConsumer(SpanIngestService service) {
        this.handler = BatchHandler.ofRecords(Topics.SPANS, SpanConsumer::read, service::ingest);
    }

    static ReceivedSpan read(KafkaRecord<?, byte[]> record) {
        Header mark = record.getHeaders() == null ? null : record.getHeaders().lastHeader(PipelineRecords.HEADER);
        return new ReceivedSpan(SpanValidation.readStorable(record.getPayload()),
                PipelineRecords.fromPipeline(mark == null ? null : mark.value()));
    }

    @Incoming(Topics.SPANS)
    public Uni<Void> consume(KafkaRecordBatch<byte[], byte[]> batch) {
        return handler.handle(batch);
    }
}
