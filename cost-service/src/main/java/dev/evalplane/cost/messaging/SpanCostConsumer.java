package dev.evalplane.cost.messaging;

import java.util.List;

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
 * publications behind, so the next batch is priced while the last one's trace costs are sent). Spans are read
 * without their content ({@link SpanValidation#readCall}): pricing needs only the {@code llm} block.
 */
@ApplicationScoped
public class SpanCostConsumer {

    private final BatchHandler<byte[], SpanEvent> handler;

    public SpanCostConsumer(PriceTableService prices, CostLedgerService ledger, TraceCostPublisher publisher) {
        this.handler = new BatchHandler<>(Topics.SPANS, SpanValidation::readCall, spans -> {
            List<SpanEvent> llmSpans = spans.stream().filter(span -> span.llm() != null).toList();
            return llmSpans.isEmpty() ? Uni.createFrom().voidItem()
                    : prices.ready().chain(() -> ledger.record(llmSpans)).chain(publisher::publishBehind);
        });
    }

    @Incoming(Topics.SPANS)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return handler.handle(batch);
    }
}
