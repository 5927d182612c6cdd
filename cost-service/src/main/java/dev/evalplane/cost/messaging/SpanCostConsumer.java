package dev.evalplane.cost.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.evalplane.cost.service.CostLedgerService;
import dev.evalplane.cost.service.PriceTableService;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanValidation;
import dev.evalplane.events.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Thin adapter: takes {@code spans} in batches, sends records {@link SpanValidation} refuses (the same records
 * trace-service refuses) to {@code spans-dlq} one by one (the rest of the batch goes on), records the LLM spans in the ledger, publishes the touched traces' new aggregates,
 * and only then acknowledges the records. A batch that keeps failing is retried record by record, and a record
 * that fails on its own goes to the DLQ.
 */
@ApplicationScoped
public class SpanCostConsumer {

    private final PriceTableService prices;
    private final CostLedgerService ledger;
    private final TraceCostPublisher publisher;

    public SpanCostConsumer(PriceTableService prices, CostLedgerService ledger, TraceCostPublisher publisher) {
        this.prices = prices;
        this.ledger = ledger;
        this.publisher = publisher;
    }

    @Incoming(Topics.SPANS)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<KafkaRecord<String, String>> usable = new ArrayList<>();
        List<SpanEvent> llmSpans = new ArrayList<>();
        List<Uni<Void>> rejected = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                SpanEvent span = SpanValidation.read(record.getPayload());
                usable.add(record);
                if (span.llm() != null) {
                    llmSpans.add(span);
                }
            } catch (IllegalArgumentException e) {
                Log.warnf("spans record (partition %d, key %s) to %s: %s", record.getPartition(), record.getKey(),
                        Topics.deadLetter(Topics.SPANS), e.getMessage());
                rejected.add(Uni.createFrom().completionStage(() -> record.nack(e)));
            }
        }
        return prices.ready()
                .chain(() -> process(llmSpans)
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(6))
                .chain(() -> ackAll(usable))
                .onFailure().recoverWithUni(e -> oneByOne(usable, e))
                .chain(() -> rejected.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.join().all(rejected).andCollectFailures().replaceWithVoid());
    }

    private Uni<Void> process(List<SpanEvent> spans) {
        return ledger.record(spans).chain(publisher::publishPending).replaceWithVoid();
    }

    private Uni<Void> oneByOne(List<KafkaRecord<String, String>> records, Throwable batchFailure) {
        Log.errorf(batchFailure, "a batch of %d spans failed; retrying record by record", records.size());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (KafkaRecord<String, String> record : records) {
            chain = chain.chain(() -> {
                SpanEvent span = SpanValidation.read(record.getPayload());
                Uni<Void> work = span.llm() == null ? Uni.createFrom().voidItem() : process(List.of(span))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(2);
                return work.chain(() -> Uni.createFrom().completionStage(record.ack()))
                        .onFailure().recoverWithUni(e -> Uni.createFrom().completionStage(() -> record.nack(e)));
            });
        }
        return chain;
    }

    private static Uni<Void> ackAll(List<KafkaRecord<String, String>> records) {
        List<Uni<Void>> acks = records.stream().map(r -> Uni.createFrom().completionStage(r::ack)).toList();
        return acks.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(acks).andFailFast().replaceWithVoid();
    }
}
