package dev.evalplane.support.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Handles a polled batch: unparseable or invalid records are nacked (the channel's dead-letter-queue strategy sends
 * them to {@code <topic>-dlq} as they were), the rest is stored in one call, retried while failures are transient,
 * and the batch is acknowledged once afterwards (its last offset per partition: at-least-once). If storing hits a
 * record-dependent failure, the batch is stored record by record so only the culprit is nacked. The record's key is
 * never read here, whatever its type: a channel whose readers do not need it takes it as the record's bytes
 * ({@code ByteArrayDeserializer}), which the dead-letter queue writes back unchanged.
 */
public final class BatchHandler<V, T> {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final String channel;
    private final Function<KafkaRecord<?, V>, T> reader;
    private final Function<List<T>, Uni<Void>> store;

    /** Reads each record's payload. */
    public BatchHandler(String channel, Function<V, T> reader, Function<List<T>, Uni<Void>> store) {
        this(store, channel, record -> reader.apply(record.getPayload()));
    }

    /** Reads each whole record (payload and headers). */
    public static <V, T> BatchHandler<V, T> ofRecords(String channel, Function<KafkaRecord<?, V>, T> reader,
            Function<List<T>, Uni<Void>> store) {
        return new BatchHandler<>(store, channel, reader);
    }

    private BatchHandler(Function<List<T>, Uni<Void>> store, String channel,
            Function<KafkaRecord<?, V>, T> reader) {
        this.channel = channel;
        this.reader = reader;
        this.store = store;
    }

    public Uni<Void> handle(KafkaRecordBatch<?, V> batch) {
        List<KafkaRecord<?, V>> good = new ArrayList<>();
        List<T> events = new ArrayList<>();
        List<Uni<Void>> nacks = new ArrayList<>();
        for (KafkaRecord<?, V> record : batch.getRecords()) {
            try {
                events.add(reader.apply(record));
                good.add(record);
            } catch (RuntimeException e) {
                nacks.add(nack(record, e));
            }
        }
        Uni<Void> poison = nacks.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(nacks).andFailFast().replaceWithVoid();
        Uni<Void> stored = events.isEmpty() ? poison : poison.chain(() -> withRetry(events))
                .onFailure(Failures::isPoison).recoverWithUni(e -> oneByOne(good, events));
        return stored.chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /** Stores record by record; a record that fails on its own goes to the DLQ, the others are kept. */
    private Uni<Void> oneByOne(List<KafkaRecord<?, V>> records, List<T> events) {
        Log.warnf("channel %s: a batch of %d records hit a record-dependent failure; storing one by one", channel,
                records.size());
        return Multi.createFrom().range(0, records.size())
                .onItem().transformToUniAndConcatenate(i -> withRetry(List.of(events.get(i)))
                        .onFailure(Failures::isPoison).recoverWithUni(e -> nack(records.get(i), e)))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> withRetry(List<T> events) {
        return Uni.createFrom().deferred(() -> store.apply(events))
                .onFailure(Failures::isTransient).invoke(e -> Log.warnf("channel %s: storing %d records failed (%s); retrying",
                        channel, events.size(), e.toString()))
                .onFailure(Failures::isTransient).retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely();
    }

    private Uni<Void> nack(KafkaRecord<?, V> record, Throwable reason) {
        long offset = record instanceof IncomingKafkaRecord<?, ?> incoming ? incoming.getOffset() : -1;
        Log.warnf("channel %s: record %s-%d@%d goes to the dead-letter topic: %s", channel, record.getTopic(),
                record.getPartition(), offset, reason.getMessage());
        return Uni.createFrom().completionStage(() -> record.nack(reason));
    }
}
