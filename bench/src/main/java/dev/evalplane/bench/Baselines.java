package dev.evalplane.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.KafkaConsumer;

import dev.evalplane.events.SpanEvent;

/**
 * The limits the ingestion figure is compared with, measured on the same machine in the same run: PostgreSQL COPY of
 * the same span rows into a table like trace-service's, and Kafka produce + consume of the same records.
 */
final class Baselines {

    private static final Duration LIMIT_WAIT = Duration.ofMinutes(2);

    private static final String COLUMNS = "trace_id, span_id, parent_span_id, name, span_type, start_time_ns,"
            + " end_time_ns, status_code, status_message, attributes, inputs, outputs, events, llm";

    /** Nanoseconds to COPY the spans into bench.spans_copy (LIKE traces.spans INCLUDING ALL: same keys, defaults). */
    static long copy(Sql sql, List<SpanEvent> spans) {
        sql.execute("CREATE SCHEMA IF NOT EXISTS bench");
        sql.execute("DROP TABLE IF EXISTS bench.spans_copy");
        sql.execute("CREATE TABLE bench.spans_copy (LIKE traces.spans INCLUDING ALL)");
        StringBuilder csv = new StringBuilder();
        for (SpanEvent s : spans) {
            csv.append(csvRow(s.traceId(), s.spanId(), s.parentSpanId(), s.name(), s.spanType(), s.startTimeNs(),
                    s.endTimeNs(), s.status().code(), s.status().message(), Http.json(s.attributes()),
                    Http.json(s.inputs()), Http.json(s.outputs()), Http.json(s.events()),
                    s.llm() == null ? null : Http.json(s.llm())));
        }
        String data = csv.toString();
        long start = System.nanoTime();
        long rows = sql.copyIn("COPY bench.spans_copy (" + COLUMNS + ") FROM STDIN (FORMAT csv)", data);
        long nanos = System.nanoTime() - start;
        if (rows != spans.size()) {
            throw new IllegalStateException("COPY wrote " + rows + " rows of " + spans.size());
        }
        return nanos;
    }

    /**
     * Nanoseconds from the first send until a consumer of a fresh 4-partition topic has read every record, sent by a
     * producer of its own: the shared one once kept re-sending a batch to a fresh topic with a reset sequence number
     * (OutOfOrderSequenceException, every second), and every later flush of the bench waited on it for good.
     */
    static long kafka(List<String[]> records) throws InterruptedException {
        try (Kafka kafka = new Kafka()) {
            return kafka(kafka, records);
        }
    }

    private static long kafka(Kafka kafka, List<String[]> records) throws InterruptedException {
        String topic = "bench-raw-" + System.currentTimeMillis();
        Kafka.createTopic(topic, 4);
        CountDownLatch assigned = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong start = new AtomicLong();
        AtomicLong end = new AtomicLong();
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = Kafka.consumer(topic)) {
                consumer.subscribe(List.of(topic));
                long read = 0;
                while (read < records.size()) {
                    read += consumer.poll(Duration.ofMillis(100)).count();
                    if (!consumer.assignment().isEmpty()) {
                        assigned.countDown();
                    }
                }
                end.set(System.nanoTime());
                done.countDown();
            }
        }, "baseline-consumer");
        reader.start();
        assigned.await();
        start.set(System.nanoTime());
        for (String[] r : records) {
            kafka.send(topic, r[0], r[1]);
        }
        // no flush: the consumer having read every record is the end, and a batch the producer keeps re-sending
        // would hold a flush for good
        if (!done.await(LIMIT_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("the Kafka limit's consumer did not read " + records.size()
                    + " records of " + topic + " within " + LIMIT_WAIT);
        }
        return end.get() - start.get();
    }

    /**
     * One Kafka hop, record by record: nanoseconds from send (flushed at once) until a consumer polling a fresh
     * one-partition topic has it; {@code samples} records, 10 ms apart.
     */
    static List<Long> kafkaHops(Kafka kafka, int samples) throws InterruptedException {
        String topic = "bench-hop-" + System.currentTimeMillis();
        Kafka.createTopic(topic, 1);
        long[] sent = new long[samples];
        long[] received = new long[samples];
        CountDownLatch assigned = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = Kafka.consumer(topic)) {
                consumer.subscribe(List.of(topic));
                int read = 0;
                while (read < samples) {
                    for (var r : consumer.poll(Duration.ofMillis(10))) {
                        received[Integer.parseInt(r.value())] = System.nanoTime();
                        read++;
                    }
                    if (!consumer.assignment().isEmpty()) {
                        assigned.countDown();
                    }
                }
            }
        }, "hop-consumer");
        reader.start();
        assigned.await();
        for (int i = 0; i < samples; i++) {
            sent[i] = System.nanoTime();
            kafka.send(topic, "k", Integer.toString(i));
            kafka.flush();
            Thread.sleep(10);
        }
        reader.join();
        List<Long> hops = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            hops.add(received[i] - sent[i]);
        }
        return hops;
    }

    private static String csvRow(Object... fields) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            if (fields[i] != null) {
                row.append('"').append(fields[i].toString().replace("\"", "\"\"")).append('"');
            }
        }
        return row.append('\n').toString();
    }

    private Baselines() {
    }
}
