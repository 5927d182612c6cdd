package dev.evalplane.cost.messaging;

import java.util.List;
import java.util.Optional;

import dev.evalplane.support.messaging.BatchHandler;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.evalplane.cost.service.CostLedgerService;
import dev.evalplane.cost.service.PriceTableService;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanValidation;
import dev.evalplane.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Thin adapter: takes {@code spans} in batches ({@link BatchHandler}: records {@link SpanValidation} refuses, the same
 * records trace-service refuses, go to {@code spans-dlq}; the rest is kept), records the LLM spans in the ledger with
 * the touched traces' new aggregates (one transaction: the aggregates are the outbox), queues their publication and
 * acknowledges the batch without waiting for the broker ({@link TraceCostPublisher#publishBehind}: at most a few
 * publications behind, so the next batch is priced while the last one's trace costs are sent). Pricing needs only
 * the {@code llm} block: a record that cannot have one ({@link LlmBlockFilter}, most spans) is not parsed at all
 * ({@link SpanValueDeserializer}) and most such records never reach this class ({@link NotLlmSpansInterceptor}):
 * trace-service dead-letters those that are unreadable, cost-service the unreadable ones that may have an
 * {@code llm} block. The others are read without their content ({@link SpanValidation#readCall}).
 */
@ApplicationScoped
public class SpanCostConsumer {

    /** Each record read as its LLM span, empty for a span that is not an LLM call. */
    private final BatchHandler<byte[], Optional<SpanEvent>> handler;

    public SpanCostConsumer(PriceTableService prices, CostLedgerService ledger, TraceCostPublisher publisher) {
        this.handler = new BatchHandler<>(Topics.SPANS, SpanCostConsumer::readLlmSpan, spans -> {
            List<SpanEvent> llmSpans = spans.stream().flatMap(Optional::stream).toList();
            return llmSpans.isEmpty() ? Uni.createFrom().voidItem()
                    : prices.ready().chain(() -> ledger.record(llmSpans)).chain(publisher::publishBehind);
        });
    }

    static Optional<SpanEvent> readLlmSpan(byte[] payload) {
        if (payload == SpanValueDeserializer.NOT_AN_LLM_SPAN) {
            return Optional.empty();
        }
        SpanEvent span = SpanValidation.readCall(payload);
        return span.llm() == null ? Optional.empty() : Optional.of(span);
    }

    @Incoming(Topics.SPANS)
    public Uni<Void> consume(KafkaRecordBatch<byte[], byte[]> batch) {
        return handler.handle(batch);
    }
}
